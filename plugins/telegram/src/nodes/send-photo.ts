import {
  type BinaryData,
  binaryField,
  defineNode,
  FieldType,
  field,
  invalidFieldsError,
  readBinary,
  z,
} from '@knotwork/sdk';
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

/**
 * "The photo must be at most 10 MB in size"; a caption is "0-1024 characters after
 * entities parsing". https://core.telegram.org/bots/api#sendphoto
 */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_CAPTION = 1024;

/**
 * "Pass a file_id as String to send a photo that exists on the Telegram servers
 * (recommended), pass an HTTP URL as a String for Telegram to get a photo from the
 * Internet". A local path is neither, and would fail later as a wrong file identifier.
 */
const photoReference = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/\S+$/.test(value) || /^[A-Za-z0-9_-]{10,}$/.test(value), {
    message:
      'Give an http(s) URL or a Telegram file_id; to upload a file from an earlier node, use photoFile instead',
  });

const input = z
  .strictObject({
    chat_id: chatIdField(),
    photo: field(photoReference.optional(), {
      label: 'Photo URL or file_id',
      description:
        'An http(s) URL Telegram downloads (at most 5 MB), or the file_id of a photo the bot has seen.',
      placeholder: 'https://example.com/chart.png',
    }),
    photoFile: binaryField({
      label: 'Photo file',
      description:
        'A JPEG, PNG or WebP image from an earlier node, uploaded with the message (at most 10 MB).',
    }).optional(),
    caption: field(z.string().optional(), {
      field: FieldType.TEXT,
      label: 'Caption',
      description: `Shown under the photo, at most ${MAX_CAPTION} characters after formatting.`,
    }),
    parse_mode: parseModeField,
    has_spoiler: field(z.boolean().optional(), {
      label: 'Spoiler',
      description: 'Blur the photo until it is tapped.',
      advanced: true,
    }),
    ...deliveryFields,
  })
  .superRefine((message, ctx) => {
    if ((message.photo === undefined) === (message.photoFile === undefined)) {
      for (const path of ['photo', 'photoFile']) {
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'Give either a photo URL / file_id or a photo file, one of the two',
        });
      }
    }
    const file = message.photoFile;
    if (file && !/^image\//.test(file.mimeType) && file.mimeType !== 'application/octet-stream') {
      ctx.addIssue({
        code: 'custom',
        path: ['photoFile'],
        message: `${file.fileName} is ${file.mimeType}, not an image: Telegram sends photos from JPEG, PNG or WebP files`,
      });
    }
    const caption = message.caption === undefined ? 0 : characters(message.caption);
    if (message.parse_mode === undefined && caption > MAX_CAPTION) {
      ctx.addIssue({
        code: 'custom',
        path: ['caption'],
        message: `The caption has ${caption} characters; Telegram allows ${MAX_CAPTION}`,
      });
    }
    checkOneReplyTarget(message, ctx);
  });

/** https://core.telegram.org/bots/api#sendphoto */
export const sendPhoto = defineNode({
  key: 'sendPhoto',
  kind: 'action',
  displayName: 'Send Photo',
  description:
    'Sends a photo as the bot, from a URL, a Telegram file_id, or a file uploaded from an earlier node, with an optional caption.',
  credentials: [botToken],
  input,
  output: messageOutput,
  run: async (ctx, message) => {
    const fields = {
      chat_id: message.chat_id,
      caption: message.caption,
      parse_mode: message.parse_mode,
      has_spoiler: message.has_spoiler,
      message_thread_id: message.message_thread_id,
      disable_notification: message.disable_notification,
      protect_content: message.protect_content,
      reply_parameters: replyParametersOf(message),
      reply_markup: message.reply_markup,
    };
    if (!message.photoFile) {
      return callTelegram<TelegramMessage>(ctx.http, 'sendPhoto', {
        json: { ...fields, photo: message.photo },
      });
    }
    // "upload a new photo using multipart/form-data"; JSON cannot carry a file.
    const body = await uploadForm(fields, message.photoFile);
    return callTelegram<TelegramMessage>(ctx.http, 'sendPhoto', { body });
  },
});

/**
 * The multipart body: every field as text (objects JSON-serialized, as Telegram expects
 * of reply_markup and reply_parameters in a form) and the photo as a file part.
 */
async function uploadForm(fields: Record<string, unknown>, file: BinaryData): Promise<FormData> {
  const bytes = await readBinary(file);
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw invalidFieldsError('telegram', 'Input of telegram.sendPhoto', [
      {
        path: 'photoFile',
        message: `${file.fileName} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; Telegram takes photos up to 10 MB (send larger images as documents)`,
      },
    ]);
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  form.append('photo', new Blob([new Uint8Array(bytes)], { type: file.mimeType }), file.fileName);
  return form;
}
