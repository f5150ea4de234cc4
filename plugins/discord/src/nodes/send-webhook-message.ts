import { defineNode, FieldType, field, z } from '@knotwork/sdk';
import { webhookUrl } from '../credentials.js';
import { discordHeaders } from '../discord-api.js';
import { snowflake } from '../fields.js';
import { checkMessageLimits, messageFields } from '../message-content.js';
import { webhookPartsOf, webhookPath } from '../webhook-url.js';

/**
 * A webhook name "does not contain the substrings clyde or discord (case-insensitive)" and
 * has 1-80 characters; Discord refuses an override that breaks it with 50035.
 * https://discord.com/developers/docs/resources/webhook#create-webhook
 */
const webhookUsername = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((name) => !/discord|clyde/i.test(name), {
    message: 'Discord refuses names containing "discord" or "clyde"',
  });

const input = z
  .strictObject({
    ...messageFields,
    username: field(webhookUsername.optional(), {
      label: 'Username',
      description: "Posts under this name instead of the webhook's own (1-80 characters).",
    }),
    avatar_url: field(
      z.url({ protocol: /^https?$/, error: 'Give an http:// or https:// image URL' }).optional(),
      {
        field: FieldType.URL,
        label: 'Avatar URL',
        description: "An image URL shown instead of the webhook's own avatar.",
      },
    ),
    thread_id: field(snowflake.optional(), {
      label: 'Thread id',
      description:
        "Posts in this thread of the webhook's channel (unarchiving it); required for a forum channel.",
      placeholder: '290926798999357250',
      advanced: true,
    }),
    wait: field(z.boolean().default(false), {
      label: 'Wait for the message',
      description:
        'Waits until Discord has stored the message and returns it (its id, for replies and edits). Off: Discord answers at once and a message it drops raises no error.',
    }),
  })
  .superRefine(checkMessageLimits);

const output = z.object({
  ok: z.literal(true),
  id: z.string().optional().describe("The message's id; only with wait."),
  channel_id: z.string().optional().describe('Where the message went; only with wait.'),
  message: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('The message as Discord stored it; only with wait.'),
});

/** The parts of a message object the output lifts out. https://discord.com/developers/docs/resources/message#message-object */
interface MessageObject {
  id: string;
  channel_id: string;
  [key: string]: unknown;
}

/** https://discord.com/developers/docs/resources/webhook#execute-webhook */
export const sendWebhookMessage = defineNode({
  key: 'sendWebhookMessage',
  kind: 'action',
  displayName: 'Send Webhook Message',
  description:
    'Posts a message (content and/or embeds) to a channel through a webhook, optionally under another name and avatar, or in a thread; with wait, returns the stored message.',
  credentials: [webhookUrl],
  input,
  output,
  run: async (ctx, message) => {
    const webhook = webhookPartsOf(ctx.credential.data.webhookUrl);
    // The token also appears alone, e.g. when a proxy base URL shortens the path.
    ctx.addSecret(webhook.token);
    const { data, status } = await ctx.http.request<MessageObject | string>({
      method: 'POST',
      url: webhookPath(webhook),
      // wait=false is Discord's default: "a message that is not saved does not return an error".
      query: { wait: message.wait ? 'true' : undefined, thread_id: message.thread_id },
      headers: discordHeaders,
      json: {
        content: message.content,
        embeds: message.embeds,
        tts: message.tts,
        allowed_mentions: message.allowed_mentions,
        username: message.username,
        avatar_url: message.avatar_url,
      },
      responseType: message.wait ? 'json' : 'text',
    });
    // Without wait Discord answers 204 No Content.
    if (status === 204 || typeof data !== 'object' || data === null) return { ok: true as const };
    return { ok: true as const, id: data.id, channel_id: data.channel_id, message: data };
  },
});
