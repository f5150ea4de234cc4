import { IntegrationError, type ServicePolicy } from '@knotwork/sdk';

type ErrorHints = NonNullable<NonNullable<ServicePolicy['errors']>['hints']>;

/**
 * Hints by `error_code`, which "mirrors" the HTTP status and is all Telegram guarantees
 * ("its contents are subject to change"). They apply when the description is not one of
 * those below. https://core.telegram.org/bots/api#making-requests
 */
const errorCodeHints: ErrorHints = {
  '400': {
    hint: 'Telegram rejected the request; its description says which value: check the chat, text, markup and file fields.',
  },
  '401': {
    hint: 'Telegram does not know this token: copy it again from @BotFather (/token); /revoke makes the old token stop working.',
  },
  '403': {
    hint: 'The bot may not write to this chat: it was blocked, removed, or never started by the user.',
  },
  '404': {
    hint: 'Telegram found no such method for this token: check the token (digits, a colon, then the secret) and the Bot API server address.',
  },
  '409': {
    hint: "Another getUpdates or a webhook is reading this bot's updates: only one reader is allowed per bot.",
  },
  '429': {
    rateLimited: true,
    hint: 'Telegram is limiting this bot (about 1 message a second per chat, 20 a minute per group, 30 a second in all): knotwork waits as long as Telegram says; send less often.',
  },
};

/** One Telegram description and what it means; `pattern` is matched against the description. */
export interface DescribedError {
  pattern: string;
  code: string;
  hint: string;
}

/**
 * Telegram's error descriptions for the methods this plugin calls, as the Bot API sends
 * them ("Bad Request: chat not found"). Telegram publishes no list: these are the strings
 * bots report seeing (observed, see test/fixtures/SOURCES.md), matched loosely where the
 * wording has varied. First match wins.
 */
export const describedErrors: DescribedError[] = [
  {
    pattern: '^Unauthorized$',
    code: 'unauthorized',
    hint: 'Telegram does not know this token: copy it again from @BotFather (/token); /revoke makes the old token stop working.',
  },
  {
    pattern: '^Not Found$',
    code: 'not_found',
    hint: 'Telegram found no bot for this address: check the token is complete (digits, a colon, then the secret) and the Bot API server address.',
  },
  {
    pattern: '^Bad Request: chat not found$',
    code: 'chat_not_found',
    hint: 'Telegram knows no chat with that id for this bot: use the numeric id (groups and channels are negative, e.g. -1001234567890) or @channelusername, and make sure the user has started the bot or the bot was added to the group or channel.',
  },
  {
    pattern: '^Forbidden: bot was blocked by the user$',
    code: 'bot_blocked',
    hint: 'The user blocked the bot: nothing can be sent until they unblock it. Turn on continue-on-fail when messaging many users.',
  },
  {
    pattern: "^Forbidden: bot can't initiate conversation with a user$",
    code: 'conversation_not_started',
    hint: 'A bot cannot write first: the user must open the bot and press Start.',
  },
  {
    pattern: '^Forbidden: user is deactivated$',
    code: 'user_deactivated',
    hint: 'The user deleted their Telegram account.',
  },
  {
    pattern: '^Forbidden: bot was kicked from the',
    code: 'bot_kicked',
    hint: 'The bot was removed from this group or channel: add it again.',
  },
  {
    pattern: '^Forbidden: bot is not a member of the',
    code: 'bot_not_member',
    hint: 'The bot is not in this group or channel: add it (as an administrator with "Post messages" for a channel).',
  },
  {
    pattern: '^Bad Request: (not enough rights|need administrator rights)',
    code: 'not_enough_rights',
    hint: 'The bot lacks the right to post here: make it an administrator, or allow members to send messages (and photos) in the group settings.',
  },
  {
    pattern: '^Bad Request: group chat was upgraded to a supergroup chat$',
    code: 'chat_migrated',
    hint: 'The group became a supergroup and has a new id: use the new chat id from now on.',
  },
  {
    pattern: '^Bad Request: message text is empty$',
    code: 'message_text_empty',
    hint: 'Telegram got no text after formatting was applied: fill in text, and check the markup does not leave it empty.',
  },
  {
    pattern: '^Bad Request: message is too long$',
    code: 'message_too_long',
    hint: 'The text is longer than 4096 characters after formatting: split it into several messages.',
  },
  {
    pattern: '^Bad Request: message caption is too long$',
    code: 'caption_too_long',
    hint: 'The caption is longer than 1024 characters after formatting: shorten it, or send the rest as a message.',
  },
  {
    pattern: "^Bad Request: can't parse entities",
    code: 'cant_parse_entities',
    hint: 'The text does not follow its parse mode (the description gives the byte offset). In MarkdownV2, escape _ * [ ] ( ) ~ ` > # + - = | { } . ! with a backslash; in HTML, escape < > & as &lt; &gt; &amp;. Or leave parse_mode empty to send plain text.',
  },
  {
    pattern:
      '^Bad Request: message to be replied not found$|^Bad Request: message to reply not found$',
    code: 'reply_message_not_found',
    hint: 'The message to reply to is not in that chat (deleted, or another chat): check reply_to_message_id, or set reply_parameters.allow_sending_without_reply to true.',
  },
  {
    pattern: '^Bad Request: message thread not found$',
    code: 'thread_not_found',
    hint: 'The chat has no topic with that message_thread_id: check it, or leave it empty.',
  },
  {
    pattern:
      "^Bad Request: can't parse (reply keyboard markup|inline keyboard button)|^Bad Request: BUTTON_",
    code: 'reply_markup_invalid',
    hint: 'Telegram rejected reply_markup (the description says why): each inline button needs text and one action such as url or callback_data (1-64 bytes); URLs must be http(s) or tg://.',
  },
  {
    pattern:
      '^Bad Request: (wrong file identifier/HTTP URL specified|wrong remote file identifier specified|invalid file_id)',
    code: 'wrong_file_identifier',
    hint: 'The photo is neither a file_id this bot has seen nor an HTTP URL Telegram can fetch: check it, or upload the file itself as photoFile.',
  },
  {
    pattern: '^Bad Request: (failed to get HTTP URL content|wrong type of the web page content)',
    code: 'url_content_unavailable',
    hint: 'Telegram could not download an image from that URL (private, behind a login, not an image, or over 5 MB): use a public image URL, or upload the file as photoFile.',
  },
  {
    pattern: '^Bad Request: (PHOTO_INVALID_DIMENSIONS|IMAGE_PROCESS_FAILED|PHOTO_EXT_INVALID)',
    code: 'photo_invalid',
    hint: 'Telegram could not use the image as a photo: width + height at most 10000, ratio at most 20, a JPEG/PNG/WebP file. Send other files as documents.',
  },
  {
    pattern: '^Conflict: terminated by other getUpdates request',
    code: 'getupdates_conflict',
    hint: "Another program is reading this bot's updates with getUpdates: stop it, or use a separate bot for knotwork. Only one reader per bot is allowed.",
  },
  {
    pattern: "^Conflict: can't use getUpdates method while webhook is active",
    code: 'webhook_active',
    hint: 'The bot has a webhook set, so updates cannot be polled: remove it with deleteWebhook (https://api.telegram.org/bot<token>/deleteWebhook) or receive updates through the webhook.',
  },
  {
    pattern: '^Too Many Requests',
    code: 'too_many_requests',
    hint: 'Telegram is limiting this bot (about 1 message a second per chat, 20 a minute per group, 30 a second in all): knotwork waited as long as Telegram said; send less often.',
  },
];

/** The first described error whose pattern matches, compiled once. */
const compiled = describedErrors.map((entry) => ({ ...entry, regex: new RegExp(entry.pattern) }));

/**
 * Gives an error from the http layer Telegram's meaning: its code and hint come from the
 * description when it is a known one; a group moved to a supergroup also names its new id.
 */
export function refineTelegramError(error: IntegrationError): IntegrationError {
  const description = error.details?.providerMessage;
  if (typeof description !== 'string') return error;
  const known = compiled.find((entry) => entry.regex.test(description));
  if (!known) return error;
  const newChatId = error.details?.['parameters.migrate_to_chat_id'];
  return new IntegrationError({
    service: error.service,
    code: known.code,
    message: error.message.replace(`(${error.code})`, `(${known.code})`),
    hint:
      newChatId === undefined ? known.hint : `${known.hint} The new id is ${String(newChatId)}.`,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}

/**
 * Telegram's wire behaviour for the SDK's http layer.
 *
 * "Avoid sending more than one message per second" in a chat, "not more than 20 messages
 * per minute to the same group", "not more than 30 messages per second or so" in all.
 * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 * The limiter counts per credential (one bot), not per chat, so the rule is the bot-wide
 * 30/s; per-chat refusals come back as 429 with `parameters.retry_after` (seconds), which
 * the retry loop waits out. https://core.telegram.org/bots/api#responseparameters
 */
export const telegramPolicy: ServicePolicy = {
  rateLimit: {
    rules: [{ requests: 30, perSeconds: 1 }],
    statuses: [429],
    retryAfterHeaders: ['retry-after'],
    retryAfterBodyPath: 'parameters.retry_after',
  },
  errors: {
    okPath: 'ok',
    codePath: 'error_code',
    messagePath: 'description',
    detailPaths: ['parameters.migrate_to_chat_id', 'parameters.retry_after'],
    hints: errorCodeHints,
  },
};
