import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalApi, PNG_BYTES, startLocalApi } from '../support/local-api.js';
import { openStudio, type Studio } from '../support/open-studio.js';

let studio: Studio;
let api: LocalApi;

beforeAll(async () => {
  studio = await openStudio();
  api = await startLocalApi('uploads-need-no-token');
});
afterAll(async () => {
  await studio.close();
  await api.close();
});

/** A file as the playground's file picker sends it. */
const picked = (bytes: Buffer, fileName = 'logo.png', mimeType = 'image/png') => ({
  kind: 'binary',
  fileName,
  mimeType,
  size: bytes.byteLength,
  base64: bytes.toString('base64'),
});

const upload = (file: unknown) =>
  studio.api('POST', '/api/nodes/webhook.call/run', {
    input: { method: 'POST', url: `${api.url}/upload`, body: { type: 'binary', file } },
  });

describe('files in playground input', () => {
  test('a chosen file reaches the node as a file: its bytes arrive at the API', async () => {
    const response = await upload(picked(PNG_BYTES));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      output: { status: 200, body: { received: PNG_BYTES.byteLength } },
    });
    const received = api.uploads.at(-1);
    expect(received?.contentType).toBe('image/png');
    expect(received?.bytes.equals(PNG_BYTES)).toBe(true);
  });

  test('an empty file is a file too', async () => {
    const response = await upload(picked(Buffer.alloc(0), 'empty.txt', 'text/plain'));
    expect(response.json().ok).toBe(true);
    expect(api.uploads.at(-1)?.bytes.byteLength).toBe(0);
  });

  test('bad base64 is a 400 naming the field', async () => {
    const response = await upload({ ...picked(PNG_BYTES), base64: 'not base64!' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'invalid_input',
      fields: [{ path: 'input.body.file.base64', message: 'Not valid base64' }],
    });
  });

  test('a file cut short on the way is a 400 naming its size', async () => {
    const response = await upload({ ...picked(PNG_BYTES), size: PNG_BYTES.byteLength + 5 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: 'input.body.file.size', message: expect.stringContaining('11') },
    ]);
  });

  test('a look-alike object in a JSON body is sent as typed, not as a file', async () => {
    const lookAlike = picked(PNG_BYTES);
    const response = await studio.api('POST', '/api/nodes/webhook.call/run', {
      input: { method: 'POST', url: `${api.url}/upload`, body: { type: 'json', json: lookAlike } },
    });
    expect(response.json().ok).toBe(true);
    const received = api.uploads.at(-1);
    expect(received?.contentType).toBe('application/json');
    expect(JSON.parse(received?.bytes.toString() ?? '')).toEqual(lookAlike);
  });

  test('a file over 10 MB is a 413 naming the field and the limit', async () => {
    const before = api.uploads.length;
    const response = await upload(picked(Buffer.alloc(10 * 1024 * 1024 + 1), 'big.bin'));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: 'file_too_large',
      message: expect.stringContaining('up to 10 MB'),
      fields: [{ path: 'input.body.file', message: 'Over the 10 MB limit' }],
    });
    expect(api.uploads.length).toBe(before);
  });

  test('a body over the run’s limit is a 413 in the one error shape, naming input and the limit', async () => {
    const response = await upload(picked(Buffer.alloc(12 * 1024 * 1024), 'huge.bin'));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'The request body is over 14.3 MB',
        hint: expect.stringContaining('files up to 10 MB'),
        service: 'studio',
        fields: [{ path: 'input', message: expect.stringContaining('10 MB') }],
      },
    });
  });

  test('other routes keep the 1 MB body limit', async () => {
    const response = await studio.api('POST', '/api/credentials', {
      name: 'x'.repeat(2 * 1024 * 1024),
      type: 'webhook.bearerToken',
      data: {},
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: 'payload_too_large',
      hint: 'Keep request bodies under 1 MB.',
    });
  });
});
