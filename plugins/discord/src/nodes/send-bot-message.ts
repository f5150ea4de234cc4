import { defineNode, FieldType, field, z } from '@knotwork/sdk';
import { botToken } from '../credentials.js';
import { discordHeaders } from '../discord-api.js';
import { snowflake, snowflakeField } from '../fields.js';
import { checkMessageLimits, messageFields } from '../message-content.js';

/**
 * Makes the message a reply: "When sending, only message_id is required".
 * https://discord.com/developers/docs/resources/message#message-reference-structure
 */
const messageReference = z.strictObject({
  message_id: snowflake,
  channel_id: snowflake.optional(),
  guild_id: snowflake.optional(),
  fail_if_not_exists: z.boolean().optional(),
});

const input = z
  .strictObject({
    channel_id: snowflakeField(
      'Channel id',
      'The channel, thread or DM channel to post in (Developer Mode → right-click → Copy Channel ID).',
    ),
    ...messageFields,
    message_reference: field(messageReference.optional(), {
      field: FieldType.JSON,
      label: 'Reply to',
      description:
        'Posts the message as a reply: {"message_id": "…"}. Set fail_if_not_exists to false to post anyway when that message is gone.',
    }),
  })
  .superRefine(checkMessageLimits);

const output = z.object({
  id: z.string().describe("The new message's id, for replies and edits."),
  channel_id: z.string(),
  message: z.record(z.string(), z.unknown()).describe('The message as Discord stored it.'),
});

/** The parts of a message object the output lifts out. https://discord.com/developers/docs/resources/message#message-object */
interface MessageObject {
  id: string;
  channel_id: string;
  [key: string]: unknown;
}

/** https://discord.com/developers/docs/resources/message#create-message */
export const sendBotMessage = defineNode({
  key: 'sendBotMessage',
  kind: 'action',
  displayName: 'Send Bot Message',
  description:
    'Posts a message (content and/or embeds) as your bot to a channel, thread or DM, optionally as a reply; returns the stored message.',
  credentials: [botToken],
  input,
  output,
  run: async (ctx, message) => {
    const { data } = await ctx.http.request<MessageObject>({
      method: 'POST',
      url: `/channels/${message.channel_id}/messages`,
      headers: discordHeaders,
      json: {
        content: message.content,
        embeds: message.embeds,
        tts: message.tts,
        allowed_mentions: message.allowed_mentions,
        message_reference: message.message_reference,
      },
    });
    return { id: data.id, channel_id: data.channel_id, message: data };
  },
});
