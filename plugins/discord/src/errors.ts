import type { ServicePolicy } from '@knotwork/sdk';

type ErrorHints = NonNullable<NonNullable<ServicePolicy['errors']>['hints']>;

const PLUGIN_BUG =
  'Discord could not read the request the plugin built: this is a bug in the Discord plugin, please report it with this message.';

/**
 * Discord's JSON error codes for the routes this plugin calls (Execute Webhook, Get
 * Webhook, Create Message, Get Current User), with what a person can do. Discord answers
 * `{ "code": 50013, "message": "Missing Permissions" }` beside the HTTP status.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 *
 * Code 0 ("General error") is deliberately absent: Discord sends it for a wrong bot token
 * (401 "401: Unauthorized"), an unknown route (404 "404: Not Found") and malformed bodies
 * alike, so the HTTP status decides its hint (statusHints below).
 */
export const discordErrorHints: ErrorHints = {
  '10003': {
    hint: 'Discord has no channel with that id, or the bot cannot see it: copy the id again (User Settings → Advanced → Developer Mode, then right-click the channel → Copy Channel ID).',
  },
  '10004': {
    hint: 'Discord has no server with that id, or the bot is not in it: invite the bot to the server.',
  },
  '10008': {
    hint: 'The message to reply to does not exist in that channel (deleted, or in another channel): check message_reference.message_id, or set fail_if_not_exists to false to post without the reply.',
  },
  '10015': {
    hint: 'The webhook was deleted, or the URL is wrong: create a new webhook (channel settings → Integrations → Webhooks) and save its URL. Discord asks clients to stop calling a webhook that answers 404.',
  },
  '20016': {
    rateLimited: true,
    hint: 'The channel has slowmode on and the bot is waiting out its cooldown: knotwork waits as long as Discord says; give the bot Manage Channel or Manage Messages to bypass slowmode.',
  },
  '20028': {
    rateLimited: true,
    hint: 'The channel has hit its write rate limit: knotwork waits as long as Discord says; post less often to this channel.',
  },
  '20029': {
    rateLimited: true,
    hint: 'The server has hit its write rate limit: knotwork waits as long as Discord says; post less often to this server.',
  },
  '30007': {
    hint: 'The channel already has 15 webhooks: delete one in the channel settings → Integrations.',
  },
  '40001': {
    hint: 'Discord rejected the token: copy the bot token again (Developer Portal → your application → Bot → Reset Token; resetting makes the old one stop working).',
  },
  '40004': {
    hint: 'Discord has temporarily disabled sending messages for this bot or account: wait and try again later.',
  },
  '40005': {
    hint: 'The request is too large: Discord takes at most 25 MiB per message; send less.',
  },
  '40006': {
    retryable: true,
    hint: 'Discord has temporarily disabled this feature: try again later.',
  },
  '40058': {
    hint: 'A forum or media channel takes posts, not plain messages: give a thread id (the post), or post through a webhook with thread_name.',
  },
  '40062': {
    rateLimited: true,
    hint: 'A Discord service behind this request is rate limited: knotwork waits as long as Discord says.',
  },
  '40333': {
    hint: 'Cloudflare blocked the request before it reached Discord (it checks the User-Agent and the network): try again from another network, or report it if it persists.',
  },
  '50001': {
    hint: 'The bot cannot see that channel: invite it to the server and give it the View Channel permission there.',
  },
  '50006': {
    hint: 'Discord got an empty message: fill in content or at least one embed.',
  },
  '50007': {
    hint: 'Discord will not deliver to this user: they share no server with the bot, or have direct messages turned off.',
  },
  '50008': {
    hint: 'That channel takes no text messages (voice, category or forum): pick a text channel, or a thread in a forum.',
  },
  '50013': {
    hint: 'The bot lacks a permission in that channel: Send Messages (Send Messages in Threads for a thread), Embed Links for embeds, Send TTS Messages for tts, Read Message History for replies. Grant them in the channel or role settings.',
  },
  '50014': {
    hint: 'Discord rejected the token: copy the bot token again (Developer Portal → your application → Bot → Reset Token).',
  },
  '50021': {
    hint: 'A system message (join, pin, boost…) cannot be replied to: reply to a normal message.',
  },
  '50024': { hint: 'This cannot be done in that kind of channel: pick a text channel or thread.' },
  '50027': {
    hint: 'The token part of the webhook URL is wrong, or the webhook was regenerated: copy the URL again and save the credential.',
  },
  '50035': {
    hint: 'Discord rejected a field value: error.details.errors names the field and why (e.g. embeds.0.url: "Not a well formed URL."). MESSAGE_REFERENCE_UNKNOWN_MESSAGE means the message to reply to is gone: set message_reference.fail_if_not_exists to false to post anyway.',
  },
  '50083': { hint: 'The thread is archived: unarchive it or post elsewhere.' },
  '50109': { hint: PLUGIN_BUG },
  '130000': {
    retryable: true,
    hint: 'Discord says this API resource is overloaded: try again a little later.',
  },
  '160002': {
    hint: 'Replying needs the Read Message History permission: grant it to the bot in that channel.',
  },
  '160005': { hint: 'The thread is locked: only moderators can post in it.' },
  '200000': {
    hint: "The server's AutoMod blocked the message: change the wording or ask a moderator.",
  },
  '220001': {
    hint: 'The webhook posts to a forum channel: give a thread id (an existing post) for the message to go in.',
  },
  '240000': { hint: "The server's harmful-links filter blocked a link in the message." },
};

/**
 * Hints by HTTP status, used when the body has no code listed above (code 0 included).
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#http
 */
const discordStatusHints: ErrorHints = {
  '401': {
    hint: 'Discord rejected the credential: copy the bot token again (Developer Portal → your application → Bot → Reset Token), or the webhook URL again.',
  },
  '403': {
    hint: 'The bot may not do this here: check it is in the server and has the channel permissions it needs.',
  },
  '404': {
    hint: 'Discord found nothing at that address: check the channel id, or that the webhook still exists.',
  },
  '502': {
    retryable: true,
    hint: 'Discord had no gateway free to handle the request: wait a bit and try again.',
  },
};

/**
 * Discord's wire behaviour for the SDK's http layer.
 *
 * Limits are per route and per "top-level resource" (channel, guild, webhook id + token),
 * plus a global 50 requests per second per bot; Discord asks clients not to hard-code them
 * and to read the headers instead. https://discord.com/developers/docs/topics/rate-limits
 * - The global rule is the documented 50/s, counted per credential (one bot token).
 * - Webhooks: 5 requests per 2 seconds per webhook is what Discord's X-RateLimit-Limit /
 *   Reset-After headers report (observed, not documented); one credential is one webhook.
 * A 429 carries `Retry-After` (whole seconds) and `retry_after` (seconds, a float) in the
 * body; the header is read first and the body is the fallback. The body's `global: true`
 * means every request of the bot is blocked, not just this route: it is copied into the
 * error's details. When no wait is given, X-RateLimit-Reset-After says when the bucket
 * refills (only once X-RateLimit-Remaining reads 0).
 */
export const discordPolicy: ServicePolicy = {
  rateLimit: {
    rules: [
      { requests: 50, perSeconds: 1 },
      { pathPrefix: '/webhooks/', requests: 5, perSeconds: 2 },
    ],
    statuses: [429],
    retryAfterHeaders: ['retry-after'],
    retryAfterBodyPath: 'retry_after',
    resetHeaders: [
      {
        header: 'x-ratelimit-reset-after',
        format: 'delta-seconds',
        remainingHeader: 'x-ratelimit-remaining',
      },
    ],
  },
  errors: {
    codePath: 'code',
    messagePath: 'message',
    // 50035's `errors` tree names each bad field, e.g.
    // {"embeds": {"0": {"title": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", ...}]}}}}.
    // https://discord.com/developers/docs/reference#error-messages
    detailPaths: ['errors', 'global'],
    hints: discordErrorHints,
    statusHints: discordStatusHints,
  },
};
