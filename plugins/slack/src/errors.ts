import type { ServicePolicy } from '@knotwork/sdk';

type ErrorHints = NonNullable<NonNullable<ServicePolicy['errors']>['hints']>;

const MAY_HAVE_POSTED =
  'Slack says part of the request may have gone through: look in the channel before running the node again.';

/**
 * Errors every Web API method can return.
 * https://api.slack.com/web#responses and the "Errors" table of each method page.
 */
const commonErrors: ErrorHints = {
  not_authed: { hint: 'Slack received no token: check the credential has one, or reconnect it.' },
  invalid_auth: {
    hint: "Slack rejected the token: copy the Bot User OAuth Token again from the app's OAuth & Permissions page (reinstalling the app changes it), or check the workspace's IP allow-list.",
  },
  account_inactive: {
    hint: 'The token belongs to a deleted user or workspace, or the app was uninstalled: reinstall the app and save the new token.',
  },
  token_revoked: {
    hint: 'The token was revoked (app removed, or its user deactivated): reinstall the app and save the new token.',
  },
  token_expired: {
    hint: 'The rotating token expired (they last 12 hours): reconnect the OAuth credential. A pasted xoxe. token cannot be refreshed; use the OAuth credential for apps with token rotation.',
  },
  missing_scope: {
    hint: 'The token lacks a scope: chat:write to post, chat:write.public for channels the bot has not joined, chat:write.customize for username/icon, reactions:write to react. Add it under OAuth & Permissions, reinstall the app and use the new token.',
  },
  no_permission: {
    hint: 'The token may not act in this conversation: add the app to the channel and check its scopes.',
  },
  not_allowed_token_type: {
    hint: 'This method does not take this kind of token: use a bot token (xoxb-) or a user token (xoxp-).',
  },
  ratelimited: {
    rateLimited: true,
    hint: 'Slack is rate limiting this app for this method and workspace: knotwork waits as long as Slack asks; if it keeps happening, run the workflow less often.',
  },
  access_denied: {
    hint: 'Slack denied access to the channel or message: add the app to the channel.',
  },
  ekm_access_denied: {
    hint: 'Workspace administrators have suspended posting (Enterprise Key Management): ask them.',
  },
  invalid_arguments: {
    hint: 'Slack rejected a field value (the message names it): check the node fields.',
  },
  accesslimited: {
    hint: "Slack limits this method on the network the request came from: check the workspace's IP restrictions.",
  },
  enterprise_is_restricted: { hint: 'This method cannot be used in an Enterprise Grid org.' },
  org_login_required: {
    retryable: true,
    hint: 'The workspace is being migrated into an Enterprise org: try again when the migration is done.',
  },
  team_access_not_granted: {
    hint: 'The token has no access to this workspace of the Enterprise org: install the app in that workspace.',
  },
  team_added_to_org: {
    hint: 'The workspace just joined an Enterprise org: reinstall the app and save the new token.',
  },
  two_factor_setup_required: {
    hint: 'The user behind the token must turn on two-factor authentication first.',
  },
  internal_error: {
    retryable: true,
    hint: `Slack had a transient internal error. ${MAY_HAVE_POSTED}`,
  },
  fatal_error: { retryable: true, hint: `Slack had a serious internal error. ${MAY_HAVE_POSTED}` },
  service_unavailable: {
    retryable: true,
    hint: 'Slack is temporarily unavailable: try again shortly (https://slack-status.com).',
  },
  request_timeout: {
    retryable: true,
    hint: 'The request reached Slack incomplete: try again.',
  },
  method_deprecated: { hint: 'Slack retired this method: update the Slack plugin.' },
  deprecated_endpoint: { hint: 'Slack retired this endpoint: update the Slack plugin.' },
};

/** Requests the plugin itself builds: if Slack rejects their shape, the plugin is at fault. */
const malformedRequestCodes = [
  'invalid_post_type',
  'missing_post_type',
  'invalid_charset',
  'invalid_form_data',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_json',
  'json_not_object',
];
const malformedRequestErrors: ErrorHints = Object.fromEntries(
  malformedRequestCodes.map((code) => [
    code,
    {
      hint: 'Slack could not read the request body: this is a bug in the Slack plugin, please report it with this message.',
    },
  ]),
);

/** https://docs.slack.dev/reference/methods/chat.postMessage/ (Errors). */
const postMessageErrors: ErrorHints = {
  channel_not_found: {
    hint: "Slack cannot find that channel: use its ID (C…, G… or D…, at the bottom of the channel's details), and invite the bot first if the channel is private. For an incoming webhook, its channel was deleted: create a new webhook.",
  },
  not_in_channel: {
    hint: 'Invite the bot to the channel (/invite @your-bot) or add the chat:write.public scope',
  },
  is_archived: { hint: 'The channel is archived: unarchive it or post to another channel.' },
  no_text: { hint: 'Slack got no message content: fill in text or blocks.' },
  invalid_blocks: {
    hint: 'Slack rejected the blocks; the message points at the bad one (json-pointer:/blocks/N). Check them in Block Kit Builder: https://app.slack.com/block-kit-builder',
  },
  invalid_blocks_format: {
    hint: 'The blocks are not a Block Kit array: pass the array itself, not the {"blocks": [...]} object Block Kit Builder shows.',
  },
  msg_blocks_too_long: {
    hint: 'The blocks hold too much text for one message: shorten them or split the message.',
  },
  msg_too_long: {
    hint: 'The text is too long: keep it under 40,000 characters (under 4,000 reads best) or split it.',
  },
  too_many_attachments: { hint: 'A message takes at most 100 attachments: send fewer.' },
  too_many_contact_cards: { hint: 'A message takes at most 10 contact cards: send fewer.' },
  attachment_payload_limit_exceeded: { hint: 'The attachments are too large: send less.' },
  rate_limited: {
    rateLimited: true,
    hint: 'Slack says the app posted too many messages (about one per second per channel is allowed): space the messages out.',
  },
  message_limit_exceeded: {
    hint: "The workspace reached its plan's message limit: wait, or ask an admin about the plan.",
  },
  restricted_action: {
    hint: 'A workspace setting stops this app from posting there: ask a workspace admin.',
  },
  restricted_action_read_only_channel: {
    hint: 'The channel is read-only for this app: post elsewhere or ask an admin to allow it.',
  },
  restricted_action_thread_only_channel: {
    hint: 'This channel only takes replies in threads: set thread_ts to the parent message.',
  },
  restricted_action_non_threadable_channel: {
    hint: 'This channel takes no thread replies: leave thread_ts empty.',
  },
  restricted_action_thread_locked: {
    hint: 'An admin locked this thread: post in the channel instead.',
  },
  cannot_reply_to_message: {
    hint: "That message cannot take replies: use the parent message's ts as thread_ts.",
  },
  as_user_not_supported: { hint: 'as_user does not work with this kind of app.' },
  team_not_found: {
    hint: 'With an org-wide token, give the channel ID rather than its name.',
  },
  markdown_text_conflict: { hint: 'markdown_text cannot be combined with text or blocks.' },
  messages_tab_disabled: {
    hint: "The user has turned off the app's Messages tab: they must turn it on in the app's App Home.",
  },
  slack_connect_file_link_sharing_blocked: {
    hint: 'The channel is shared with another organisation that blocks file links: remove the link.',
  },
  slack_connect_canvas_sharing_blocked: {
    hint: 'The channel is shared with another organisation that blocks canvas links: remove the link.',
  },
  slack_connect_lists_sharing_blocked: {
    hint: 'The channel is shared with another organisation that blocks list links: remove the link.',
  },
};

/** https://docs.slack.dev/reference/methods/reactions.add/ (Errors). */
const reactionErrors: ErrorHints = {
  already_reacted: {
    hint: 'The message already has this reaction from this app, so there is nothing to add. Turn on continue-on-fail if repeats are expected.',
  },
  bad_timestamp: {
    hint: "That is not a message ts: use the message's ts (like 1503435956.000247), e.g. from Send Message's output.",
  },
  external_channel_migrating: {
    retryable: true,
    hint: 'The channel is being migrated: try again later.',
  },
  invalid_name: {
    hint: 'Slack has no emoji by that name in this workspace: use its name without colons, e.g. thumbsup.',
  },
  message_not_found: {
    hint: 'No message has that ts in that channel: check both values come from the same message.',
  },
  no_item_specified: { hint: 'Give both the channel and the message timestamp.' },
  not_reactable: { hint: 'That item can no longer take reactions; messages can.' },
  no_access: { hint: 'The app may not react to that item.' },
  thread_locked: { hint: 'The message is in a locked thread, where reactions are turned off.' },
  too_many_emoji: { hint: 'The message already has the most distinct emoji Slack allows.' },
  too_many_reactions: {
    hint: 'This app has added as many reactions to the message as Slack allows.',
  },
};

/**
 * Incoming webhooks answer with a plain-text code and an HTTP status.
 * https://api.slack.com/messaging/webhooks#handling_errors and
 * https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks
 */
const webhookErrors: ErrorHints = {
  invalid_payload: {
    hint: 'Slack could not parse the message: check the blocks (Block Kit Builder helps) and the text.',
  },
  user_not_found: {
    hint: 'The user this webhook posts to no longer exists: create a new webhook.',
  },
  action_prohibited: {
    hint: 'A workspace admin has restricted posting through this webhook: ask them; retrying will not help.',
  },
  channel_is_archived: {
    hint: "The webhook's channel is archived: unarchive it or create a webhook for another channel.",
  },
  invalid_token: {
    hint: 'The webhook URL is invalid or was revoked (Slack revokes leaked webhook URLs): create a new webhook and save its URL.',
  },
  no_active_hooks: {
    hint: "The incoming webhook is turned off: turn Incoming Webhooks on in the app's settings.",
  },
  no_service: {
    hint: 'The webhook was turned off or removed, or the URL is wrong: copy the URL again or create a new webhook.',
  },
  no_service_id: {
    hint: 'The webhook URL is damaged (its B… part is missing or wrong): copy it again.',
  },
  no_team: { hint: 'The webhook URL is damaged (its T… part is missing or wrong): copy it again.' },
  posting_to_general_channel_denied: {
    hint: 'Only some members may post to #general in this workspace: ask an admin, or create the webhook for another channel.',
  },
  team_disabled: { hint: 'The Slack workspace is no longer active.' },
  rollup_error: {
    retryable: true,
    hint: `Slack had an unexpected error handling the webhook. ${MAY_HAVE_POSTED}`,
  },
};

/** Every code Slack documents for the methods this plugin calls, with what a person can do. */
export const slackErrorHints: ErrorHints = {
  // Codes shared between them (channel_not_found, is_archived, no_text, invalid_blocks,
  // too_many_attachments) are listed once, with a hint that fits every method.
  ...commonErrors,
  ...malformedRequestErrors,
  ...postMessageErrors,
  ...reactionErrors,
  ...webhookErrors,
};

/**
 * Slack's wire behaviour for the SDK's http layer.
 *
 * Rate limits are "per API method per app per workspace"; one credential is one app in one
 * workspace. https://api.slack.com/apis/rate-limits
 * - chat.postMessage: "generally allows posting one message per second per channel, while
 *   also maintaining a workspace-wide limit", and bursts may be dropped ("no guarantee that
 *   messages will be stored or displayed"). The limiter counts per credential, not per
 *   channel, so the rule is Slack's own advice of one request per second for any given API
 *   call, with a burst of 10: a fan-out to ten channels goes at once, a long loop into one
 *   channel settles at the rate Slack allows.
 * - Incoming webhooks: "1 per second, short bursts >1 allowed": the same rule.
 * - reactions.add is Tier 3, "50+ per minute".
 * Slack's 429 carries Retry-After in seconds, which the retry loop honours.
 */
export const slackPolicy: ServicePolicy = {
  rateLimit: {
    rules: [
      { pathPrefix: '/chat.postMessage', requests: 10, perSeconds: 10 },
      { pathPrefix: '/services/', requests: 10, perSeconds: 10 },
      { pathPrefix: '/reactions.add', requests: 50, perSeconds: 60 },
    ],
    statuses: [429],
    retryAfterHeaders: ['retry-after'],
    // Seen, not documented: HTTP 200 {"retry_after":1,"ok":false,"error":"rate_limited"}
    // (https://github.com/yassineaboukir/sublert/issues/46).
    retryAfterBodyPath: 'retry_after',
  },
  errors: {
    // The Web API answers HTTP 200 with {"ok": false, "error": "<code>"}.
    okPath: 'ok',
    codePath: 'error',
    // Block and argument errors carry the detail here, e.g. "[ERROR] failed to match all
    // allowed schemas [json-pointer:/blocks/0]" (https://github.com/slack-go/slack/issues/939).
    messagePath: 'response_metadata.messages.0',
    // missing_scope names what the token lacks and has.
    detailPaths: ['needed', 'provided'],
    // Incoming webhooks answer with the bare code as text, e.g. 404 "channel_not_found".
    textBodyIsCode: true,
    hints: slackErrorHints,
    tokenExpiredCodes: ['token_expired'],
  },
};
