import { defineNode, field, z } from '@knotwork/sdk';
import { botToken } from '../credentials.js';
import { callTelegram } from '../telegram-api.js';

/** Where the next poll starts: the highest update_id seen, plus one. */
const OFFSET_KEY = 'offset';

/** "Limits the number of updates to be retrieved. Values between 1-100 are accepted." */
const MAX_LIMIT = 100;

const input = z.strictObject({
  allowed_updates: field(
    z.array(z.string().regex(/^[a-z][a-z_]*$/, 'An update type such as message')).optional(),
    {
      label: 'Update types',
      description:
        'Which updates to receive, e.g. ["message", "callback_query"] (also edited_message, channel_post, my_chat_member, chat_member, message_reaction, …). Empty list: all but chat_member and reactions. Not set: the bot keeps its previous choice.',
    },
  ),
  limit: field(z.number().int().min(1).max(MAX_LIMIT).default(MAX_LIMIT), {
    label: 'Most updates per poll',
    description: `1-${MAX_LIMIT}; the rest come with the next poll.`,
    advanced: true,
  }),
});

/** An Update: its id and exactly one field named after its type. https://core.telegram.org/bots/api#update */
interface Update {
  update_id: number;
  [type: string]: unknown;
}

const output = z
  .looseObject({
    update_id: z.number().int(),
    type: z
      .string()
      .describe(
        'Which kind of update this is (message, callback_query, …): the name of its one other field.',
      ),
  })
  .describe('One Telegram Update, as Telegram sent it, plus its type.');

/**
 * Polls getUpdates without long polling (timeout 0: a poll must return at once), and
 * keeps the offset in the trigger's state: "An update is considered confirmed as soon as
 * getUpdates is called with an offset higher than its update_id", so each update is
 * emitted once. Updates Telegram holds for the bot (up to 24 hours) arrive at the first poll.
 * https://core.telegram.org/bots/api#getupdates
 */
export const getUpdates = defineNode({
  key: 'getUpdates',
  kind: 'trigger',
  displayName: 'Get Updates',
  description:
    'Starts a workflow for each new message, button press or other update the bot receives, by polling getUpdates.',
  credentials: [botToken],
  trigger: { type: 'polling', intervalSeconds: 30 },
  input,
  output,
  poll: async (ctx, options) => {
    const offset = ctx.state.get<number>(OFFSET_KEY);
    const updates = await callTelegram<Update[]>(ctx.http, 'getUpdates', {
      json: {
        offset,
        limit: options.limit,
        timeout: 0,
        allowed_updates: options.allowed_updates,
      },
      // Asking again with the same offset returns the same updates: safe to retry.
      idempotent: true,
    });
    if (updates.length > 0) {
      ctx.state.set(OFFSET_KEY, Math.max(...updates.map((update) => update.update_id)) + 1);
    }
    return updates.map((update) => ({ ...update, type: typeOf(update) }));
  },
});

function typeOf(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
