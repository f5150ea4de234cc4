import { defineNode, field, z } from '@knotwork/sdk';
import { botToken, oauth2 } from '../credentials.js';
import { messageTimestamp } from '../fields.js';

/**
 * Slack wants the bare name ("thumbsup"); people paste the shortcode (":thumbsup:"). Only the
 * outer colons go: a skin tone is part of the name ("thumbsup::skin-tone-2").
 */
const emojiName = z
  .string()
  .trim()
  .transform((name) => name.replace(/^:+|:+$/g, ''))
  .pipe(
    z
      .string()
      .min(1, { error: 'Give an emoji name such as thumbsup', abort: true })
      .regex(/^\S+$/, 'An emoji name has no spaces, e.g. white_check_mark'),
  );

const input = z.strictObject({
  channel: field(z.string().trim().min(1, 'Give the channel ID, e.g. C0123456789'), {
    label: 'Channel',
    description: 'ID of the channel holding the message (C…, G… or D…).',
    placeholder: 'C0123456789',
  }),
  timestamp: messageTimestamp('Message ts', "The message's ts, e.g. from Send Message's output."),
  name: field(emojiName, {
    label: 'Emoji',
    description: 'Emoji name, with or without colons: thumbsup or :thumbsup:.',
    placeholder: 'thumbsup',
  }),
});

const output = z.object({ ok: z.literal(true) });

/** https://docs.slack.dev/reference/methods/reactions.add/ */
export const addReaction = defineNode({
  key: 'addReaction',
  kind: 'action',
  displayName: 'Add Reaction',
  description: 'Adds an emoji reaction to a message, as the app.',
  credentials: [botToken, oauth2],
  input,
  output,
  run: async (ctx, reaction) => {
    await ctx.http.request({
      method: 'POST',
      url: '/reactions.add',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      json: { channel: reaction.channel, timestamp: reaction.timestamp, name: reaction.name },
    });
    return { ok: true as const };
  },
});
