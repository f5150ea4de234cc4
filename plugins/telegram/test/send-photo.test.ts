import { binaryFrom, binaryFromStream } from '@knotwork/sdk';
import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  botCredential,
  CHAT_ID,
  canaryToken,
  fixture,
  methodPath,
  multipartOf,
  TELEGRAM_ORIGIN,
  telegramError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const OK = fixture('send-photo-ok.json');
const SENT = (OK as { result: unknown }).result;

/** The first bytes of a PNG file, with bytes that are not valid UTF-8 (0x89, 0xff). */
const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0xff, 0xfe, 0x01, 0x02,
]);

/** A file as an earlier node (S3 Download, an e-mail attachment) hands it on. */
function chartFile() {
  return binaryFrom(PNG_BYTES, { fileName: 'weekly-chart.png', mimeType: 'image/png' });
}

describe('Send Photo', () => {
  test('sends a photo URL as JSON', async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendPhoto')).reply(200, OK);
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'sendPhoto',
      { chat_id: CHAT_ID, photo: 'https://example.com/chart.png', caption: 'Weekly chart' },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(requests[0]?.body).toEqual({
      chat_id: CHAT_ID,
      photo: 'https://example.com/chart.png',
      caption: 'Weekly chart',
    });
    expect(run.output).toEqual(SENT);
  });

  test('uploads a file from an earlier node as multipart/form-data', async () => {
    const token = canaryToken();
    const scope = nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendPhoto')).reply(200, OK);
    const requests = recordRequests(scope);
    const keyboard = { inline_keyboard: [[{ text: 'Open', url: 'https://example.com' }]] };

    const run = await runNode(
      plugin,
      'sendPhoto',
      {
        chat_id: CHAT_ID,
        photoFile: chartFile(),
        caption: '*Weekly* chart',
        parse_mode: 'MarkdownV2',
        reply_markup: keyboard,
        reply_to_message_id: 42,
      },
      { credential: botCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await multipartOf(requests[0]!);
    expect(Object.fromEntries([...form.entries()].filter(([name]) => name !== 'photo'))).toEqual({
      chat_id: String(CHAT_ID),
      caption: '*Weekly* chart',
      parse_mode: 'MarkdownV2',
      reply_parameters: '{"message_id":42}',
      reply_markup: JSON.stringify(keyboard),
    });
    const photo = form.get('photo');
    expect(photo).toBeInstanceOf(File);
    expect((photo as File).name).toBe('weekly-chart.png');
    expect((photo as File).type).toBe('image/png');
    expect(new Uint8Array(await (photo as File).arrayBuffer())).toEqual(PNG_BYTES);
    expect(run.output).toEqual(SENT);
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('uploads a streamed file, and sends the whole form again after a 429', async () => {
    const token = canaryToken();
    const limited = telegramError('tooManyRequests');
    const scope = nock(TELEGRAM_ORIGIN)
      .post(methodPath(token, 'sendPhoto'))
      .reply(limited.status, { ...limited.body, parameters: { retry_after: 3 } })
      .post(methodPath(token, 'sendPhoto'))
      .reply(200, OK);
    const requests = recordRequests(scope);
    const streamed = binaryFromStream(new Blob([PNG_BYTES]).stream(), {
      fileName: 'download.png',
      mimeType: 'image/png',
    });

    const run = await runNode(
      plugin,
      'sendPhoto',
      { chat_id: CHAT_ID, photoFile: streamed },
      { credential: botCredential(token) },
    );

    expect(run.retryDelays).toEqual([3_000]);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const photo = (await multipartOf(request)).get('photo') as File;
      expect(photo.name).toBe('download.png');
      expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PNG_BYTES);
    }
    expect(run.output).toEqual(SENT);
  });
});

describe('Send Photo: Telegram errors', () => {
  test.each([
    ['wrongFileId', 'wrong_file_identifier', 'upload the file itself'],
    ['urlContent', 'url_content_unavailable', 'public image URL'],
    ['photoDimensions', 'photo_invalid', 'ratio at most 20'],
    ['chatNotFound', 'chat_not_found', 'numeric id'],
  ])('maps %s to %s with a hint', async (name, code, hintPhrase) => {
    const token = canaryToken();
    const error = telegramError(name);
    nock(TELEGRAM_ORIGIN).post(methodPath(token, 'sendPhoto')).reply(error.status, error.body);

    const run = await runNode(
      plugin,
      'sendPhoto',
      { chat_id: CHAT_ID, photo: 'AgACAgQAAxkDAAIBK2V0bGFyZ2U' },
      { credential: botCredential(token) },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(400);
    expect(run.error?.hint).toContain(hintPhrase);
    assertNoCanary(token, { error: run.error, logs: run.logs });
  });
});

describe('Send Photo with bad input', () => {
  async function badInput(message: Record<string, unknown>) {
    const run = await runNode(plugin, 'sendPhoto', message, { credential: botCredential() });
    expect(run.error?.code).toBe('invalid_input');
    return run.error?.fields?.map((problem) => problem.path);
  }

  test('names both photo fields when neither or both are given', async () => {
    expect(await badInput({ chat_id: CHAT_ID, caption: 'x' })).toEqual(['photo', 'photoFile']);
    expect(
      await badInput({
        chat_id: CHAT_ID,
        photo: 'https://example.com/a.png',
        photoFile: chartFile(),
      }),
    ).toEqual(['photo', 'photoFile']);
  });

  test('names photo when it is a local path, which Telegram cannot read', async () => {
    expect(await badInput({ chat_id: CHAT_ID, photo: '/tmp/chart.png' })).toEqual(['photo']);
  });

  test('names photoFile when the file is not an image', async () => {
    const pdf = binaryFrom('%PDF-1.7', { fileName: 'report.pdf', mimeType: 'application/pdf' });
    expect(await badInput({ chat_id: CHAT_ID, photoFile: pdf })).toEqual(['photoFile']);
  });

  test('names photoFile when it is over 10 MB, without uploading it', async () => {
    const big = binaryFrom(new Uint8Array(10 * 1024 * 1024 + 1), {
      fileName: 'huge.png',
      mimeType: 'image/png',
    });
    const fields = await badInput({ chat_id: CHAT_ID, photoFile: big });
    expect(fields).toEqual(['photoFile']);
  });

  test('names a plain caption over 1024 characters', async () => {
    expect(
      await badInput({
        chat_id: CHAT_ID,
        photo: 'https://example.com/a.png',
        caption: 'c'.repeat(1025),
      }),
    ).toEqual(['caption']);
  });
});
