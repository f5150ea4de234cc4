import { defineNode, FieldType, field, z } from '@knotwork/sdk';
import { botToken } from '../credentials.js';
import {
  characters,
  chatIdField,
  checkOneReplyTarget,
  deliveryFields,
  messageOutput,
  parseModeField,
  replyParametersOf,
  type TelegramMessage,
} from '../fields.js';
import { callTelegram } from '../telegram-api.js';

/** "Text of the message to be sent, 1-4096 characters after entities parsing". https://core.telegram.org/bots/api#sendmessage */
const MAX_TEXT = 4096;

const input = z
  .strictObject({
    chat_id: chatIdField(),
    text: field(z.string(), {
      field: FieldType.TEXT,
      label: 'Text',
      description: `The message, 1-${MAX_TEXT} characters after formatting is applied.`,
    }),
    parse_mode: parseModeField,
    ...deliveryFields,
  })
  .superRefine((message, ctx) => {
    if (message.text.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'Give the text to send' });
    }
    // With a parse mode the markup is stripped before Telegram counts, so only Telegram
    // can tell; plain text is counted here and the field named before anything is sent.
    const length = characters(message.text);
    if (message.parse_mode === undefined && length > MAX_TEXT) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `The text has ${length} characters; Telegram allows ${MAX_TEXT}: split it into several messages`,
      });
    }
    checkOneReplyTarget(message, ctx);
  });

/** https://core.telegram.org/bots/api#sendmessage */
export const sendMessage = defineNode({
  key: 'sendMessage',
  kind: 'action',
  displayName: 'Send Message',
  description:
    'Sends a text message as the bot to a user, group or channel, with optional formatting, buttons and reply.',
  credentials: [botToken],
  input,
  output: messageOutput,
  run: (ctx, message) =>
    callTelegram<TelegramMessage>(ctx.http, 'sendMessage', {
      json: {
        chat_id: message.chat_id,
        text: message.text,
        parse_mode: message.parse_mode,
        message_thread_id: message.message_thread_id,
        disable_notification: message.disable_notification,
        protect_content: message.protect_content,
        reply_parameters: replyParametersOf(message),
        reply_markup: message.reply_markup,
      },
    }),
});
