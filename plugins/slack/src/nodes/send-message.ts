import {
  defineNode,
  FieldType,
  field,
  invalidFieldsError,
  type Logger,
  type NodeContext,
  z,
} from '@knotwork/sdk';
import { botToken, oauth2, webhookUrl } from '../credentials.js';
import { messageTimestamp } from '../fields.js';

/** "You can include up to 50 blocks in each message". https://docs.slack.dev/reference/block-kit/blocks */
const MAX_BLOCKS = 50;

const block = z.looseObject({ type: z.string().min(1) });

const input = z
  .strictObject({
    channel: field(z.string().trim().min(1).optional(), {
      label: 'Channel',
      description:
        'Channel ID (C…, G…), DM ID (D…) or #name. Required with a bot token or OAuth; an incoming webhook always posts to its own channel.',
      placeholder: 'C0123456789',
    }),
    text: field(z.string().optional(), {
      field: FieldType.TEXT,
      label: 'Text',
      description:
        'Message text in Slack mrkdwn. With blocks it becomes the notification fallback. Slack truncates text over 40,000 characters.',
    }),
    blocks: field(
      z
        .array(block)
        .max(MAX_BLOCKS, `Slack takes at most ${MAX_BLOCKS} blocks per message`)
        .optional(),
      {
        field: FieldType.JSON,
        label: 'Blocks',
        description: 'Block Kit blocks: the array under "blocks" in Block Kit Builder, at most 50.',
      },
    ),
    thread_ts: messageTimestamp(
      'Reply to (thread ts)',
      "The parent message's ts, to post the message as a reply in its thread.",
    ).optional(),
    reply_broadcast: field(z.boolean().optional(), {
      label: 'Also send to channel',
      description: 'With thread ts: show the reply in the channel too.',
      advanced: true,
    }),
    unfurl_links: field(z.boolean().optional(), {
      label: 'Unfurl links',
      description: 'Show previews of text-based links.',
      advanced: true,
    }),
    mrkdwn: field(z.boolean().optional(), {
      label: 'Format text (mrkdwn)',
      description: 'Turn off to post the text exactly as written. On by default.',
      advanced: true,
    }),
    username: field(z.string().trim().min(1).optional(), {
      label: 'Bot name',
      description: 'Needs the chat:write.customize scope; ignored by incoming webhooks.',
      advanced: true,
    }),
    icon_emoji: field(z.string().trim().min(1).optional(), {
      label: 'Bot icon emoji',
      description:
        'E.g. :robot_face:. Needs the chat:write.customize scope; ignored by incoming webhooks.',
      advanced: true,
    }),
  })
  .superRefine((value, ctx) => {
    const hasText = value.text !== undefined && value.text.trim() !== '';
    const hasBlocks = value.blocks !== undefined && value.blocks.length > 0;
    if (hasText || hasBlocks) return;
    for (const path of ['text', 'blocks']) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: 'Give the message text or blocks (or both): Slack needs one of them',
      });
    }
  });

const output = z.object({
  ok: z.boolean(),
  channel: z
    .string()
    .optional()
    .describe('ID of the channel the message went to; absent for incoming webhooks.'),
  ts: z
    .string()
    .optional()
    .describe("The message's ts, its id for replies and reactions; incoming webhooks return none."),
  message: z.record(z.string(), z.unknown()).optional().describe('The message as Slack stored it.'),
});

type SendMessageInput = z.output<typeof input>;
type SendMessageOutput = z.input<typeof output>;

interface PostMessageResponse {
  ok: true;
  channel: string;
  ts: string;
  message?: Record<string, unknown>;
  warning?: string;
  response_metadata?: { warnings?: string[]; messages?: string[] };
}

/** Fields an incoming webhook cannot change: "You cannot override the default channel ... username, or icon". */
const WEBHOOK_IGNORES = ['channel', 'username', 'icon_emoji'] as const;

export const sendMessage = defineNode({
  key: 'sendMessage',
  kind: 'action',
  displayName: 'Send Message',
  description:
    'Posts a message (text and/or Block Kit blocks) to a channel, DM or thread, with a bot token, OAuth, or an incoming webhook.',
  credentials: [botToken, webhookUrl, oauth2],
  input,
  output,
  run: async (ctx, message) => {
    if (ctx.credential.key === 'webhookUrl') {
      return postToWebhook(ctx, ctx.credential.data.url, message);
    }
    return postWithToken(ctx, message);
  },
});

/** https://docs.slack.dev/reference/methods/chat.postMessage/ */
async function postWithToken(
  ctx: NodeContext<unknown>,
  message: SendMessageInput,
): Promise<SendMessageOutput> {
  if (!message.channel) {
    throw invalidFieldsError('slack', 'Input of slack.sendMessage', [
      {
        path: 'channel',
        message:
          'Required with a bot token or OAuth credential: a channel ID such as C0123456789 (only incoming webhooks post without one)',
      },
    ]);
  }
  const { data } = await ctx.http.request<PostMessageResponse>({
    method: 'POST',
    url: '/chat.postMessage',
    // Without the charset Slack posts the message but answers with a missing_charset warning.
    // https://api.slack.com/methods/chat.postMessage#warnings
    headers: { 'content-type': 'application/json; charset=utf-8' },
    json: {
      channel: message.channel,
      text: message.text,
      blocks: message.blocks,
      thread_ts: message.thread_ts,
      reply_broadcast: message.reply_broadcast,
      unfurl_links: message.unfurl_links,
      mrkdwn: message.mrkdwn,
      username: message.username,
      icon_emoji: message.icon_emoji,
    },
  });
  logSlackWarnings(ctx.logger, data);
  return {
    ok: true,
    channel: data.channel,
    ts: data.ts,
    ...(data.message ? { message: data.message } : {}),
  };
}

/** https://api.slack.com/messaging/webhooks: success is HTTP 200 with the text "ok". */
async function postToWebhook(
  ctx: NodeContext<unknown>,
  url: string,
  message: SendMessageInput,
): Promise<SendMessageOutput> {
  const ignored = WEBHOOK_IGNORES.filter((name) => message[name] !== undefined);
  if (ignored.length > 0) {
    ctx.logger.warn(
      `Incoming webhooks always post to their own channel with the app's name and icon; ignored: ${ignored.join(', ')}`,
    );
  }
  await ctx.http.request({
    method: 'POST',
    url,
    json: {
      text: message.text,
      blocks: message.blocks,
      // "You can use an incoming webhook to make your message appear as a reply in a thread".
      thread_ts: message.thread_ts,
      reply_broadcast: message.reply_broadcast,
      unfurl_links: message.unfurl_links,
      mrkdwn: message.mrkdwn,
    },
    responseType: 'text',
  });
  return { ok: true };
}

/** Slack posts truncated or reformatted messages with ok: true and a warning; say so. */
function logSlackWarnings(logger: Logger, response: PostMessageResponse) {
  const warnings =
    response.response_metadata?.warnings ?? (response.warning ? [response.warning] : []);
  if (warnings.length === 0) return;
  logger.warn(`Slack posted the message with warnings: ${warnings.join(', ')}`, {
    warnings,
    ...(response.response_metadata?.messages
      ? { details: response.response_metadata.messages }
      : {}),
  });
}
