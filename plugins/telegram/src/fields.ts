import { FieldType, field, z } from '@knotwork/sdk';

/**
 * "Unique identifier for the target chat or username of the target channel (in the format
 * @channelusername)". Group and channel ids are negative (-100… for supergroups); a
 * number from an expression may also arrive as text.
 * https://core.telegram.org/bots/api#sendmessage
 */
const chatIdSchema = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(
      /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})$/,
      'A chat is a numeric id such as -1001234567890 or a public @channelusername',
    ),
]);

export function chatIdField() {
  return field(chatIdSchema, {
    label: 'Chat',
    description:
      'Numeric chat id (negative for groups and channels, e.g. -1001234567890) or @channelusername of a public channel.',
    placeholder: '-1001234567890',
  });
}

/** https://core.telegram.org/bots/api#formatting-options */
export const parseModeField = field(z.enum(['MarkdownV2', 'HTML', 'Markdown']).optional(), {
  field: FieldType.SELECT,
  label: 'Parse mode',
  description:
    'How Telegram reads formatting in the text: MarkdownV2, HTML, or Markdown (legacy). Empty: plain text.',
});

/**
 * "callback_data: Data to be sent in a callback query to the bot when the button is
 * pressed, 1-64 bytes". https://core.telegram.org/bots/api#inlinekeyboardbutton
 */
const MAX_CALLBACK_BYTES = 64;

/** What a pressed inline button does; a button with only text is refused by Telegram. */
const INLINE_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

const inlineButton = z
  .looseObject({ text: z.string().min(1), callback_data: z.string().optional() })
  .superRefine((button, ctx) => {
    if (!INLINE_ACTIONS.some((action) => button[action] !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'An inline button needs an action besides its text, e.g. url or callback_data',
      });
    }
    const data = button.callback_data;
    if (data !== undefined && Buffer.byteLength(data) > MAX_CALLBACK_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['callback_data'],
        message: `callback_data is ${Buffer.byteLength(data)} bytes; Telegram takes 1-${MAX_CALLBACK_BYTES}`,
      });
    }
  });

const keyboardButton = z.union([z.string().min(1), z.looseObject({ text: z.string().min(1) })]);

/** The four kinds of markup Telegram takes. https://core.telegram.org/bots/api#sendmessage (reply_markup) */
const MARKUP_KINDS = ['inline_keyboard', 'keyboard', 'remove_keyboard', 'force_reply'] as const;

const replyMarkup = z
  .looseObject({
    inline_keyboard: z.array(z.array(inlineButton)).optional(),
    keyboard: z.array(z.array(keyboardButton)).optional(),
    remove_keyboard: z.literal(true).optional(),
    force_reply: z.literal(true).optional(),
  })
  .superRefine((markup, ctx) => {
    const kinds = MARKUP_KINDS.filter((kind) => markup[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Give exactly one of inline_keyboard, keyboard, remove_keyboard or force_reply, e.g. {"inline_keyboard": [[{"text": "Open", "url": "https://example.com"}]]}',
      });
    }
  });

export const replyMarkupField = field(replyMarkup.optional(), {
  field: FieldType.JSON,
  label: 'Reply markup',
  description:
    'Buttons under the message, e.g. {"inline_keyboard": [[{"text": "Open", "url": "https://example.com"}]]}; or a custom keyboard, remove_keyboard, force_reply.',
  advanced: true,
});

/** https://core.telegram.org/bots/api#replyparameters */
const replyParameters = z.looseObject({
  message_id: z.number().int().positive(),
  chat_id: chatIdSchema.optional(),
  allow_sending_without_reply: z.boolean().optional(),
  quote: z.string().optional(),
});

/** Fields every sending node shares: where in the chat, and how loudly. */
export const deliveryFields = {
  disable_notification: field(z.boolean().optional(), {
    label: 'Silent',
    description: 'Deliver without a notification sound.',
    advanced: true,
  }),
  protect_content: field(z.boolean().optional(), {
    label: 'Protect content',
    description: 'Stop the message from being forwarded or saved.',
    advanced: true,
  }),
  message_thread_id: field(z.number().int().positive().optional(), {
    label: 'Topic (message thread id)',
    description: 'Posts in this topic of a forum supergroup.',
    advanced: true,
  }),
  reply_to_message_id: field(z.number().int().positive().optional(), {
    label: 'Reply to message id',
    description: 'Posts the message as a reply to this message of the same chat.',
    advanced: true,
  }),
  reply_parameters: field(replyParameters.optional(), {
    field: FieldType.JSON,
    label: 'Reply parameters',
    description:
      'The full reply description, e.g. {"message_id": 42, "allow_sending_without_reply": true}; instead of reply to message id.',
    advanced: true,
  }),
  reply_markup: replyMarkupField,
};

interface Delivery {
  reply_to_message_id?: number | undefined;
  reply_parameters?: z.output<typeof replyParameters> | undefined;
}

/** Only one way of saying what to reply to. */
export function checkOneReplyTarget(value: Delivery, ctx: z.RefinementCtx): void {
  if (value.reply_to_message_id !== undefined && value.reply_parameters !== undefined) {
    for (const path of ['reply_to_message_id', 'reply_parameters']) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: 'Give reply_to_message_id or reply_parameters, not both',
      });
    }
  }
}

/**
 * Since Bot API 7.0 replies are described by reply_parameters; reply_to_message_id is kept
 * as a field because it is what people have at hand. https://core.telegram.org/bots/api-changelog#december-29-2023
 */
export function replyParametersOf(value: Delivery): Delivery['reply_parameters'] {
  if (value.reply_parameters) return value.reply_parameters;
  return value.reply_to_message_id === undefined
    ? undefined
    : { message_id: value.reply_to_message_id };
}

/** Telegram counts characters; a JavaScript string's length counts UTF-16 units. */
export function characters(text: string): number {
  return [...text].length;
}

/** Telegram's Message, the parts the output promises. https://core.telegram.org/bots/api#message */
export const messageOutput = z
  .looseObject({
    message_id: z.number().int(),
    date: z.number().int(),
    chat: z.looseObject({ id: z.number(), type: z.string() }),
  })
  .describe('The message as Telegram sent it; message_id identifies it for replies.');

export type TelegramMessage = z.input<typeof messageOutput>;
