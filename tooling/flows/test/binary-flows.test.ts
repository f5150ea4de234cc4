import { randomUUID } from 'node:crypto';
import s3 from '@knotwork/plugin-aws-s3';
import email from '@knotwork/plugin-email';
import telegram from '@knotwork/plugin-telegram';
import { type BinaryData, readBinary } from '@knotwork/sdk';
import { closeNetwork, nock, recordRequests, runNode } from '@knotwork/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  type S3TestServer,
  startS3Server,
  TEST_BUCKET,
} from '../../../plugins/aws-s3/test/s3-server.js';
import { startDovecotOrSkip } from '../../../plugins/email/test/dovecot.js';
import { invoiceMail } from '../../../plugins/email/test/mail-fixtures.js';

/**
 * Files cross plugins as BinaryData: what one node outputs, the next takes as input, with
 * the bytes, name and type intact. Real S3-compatible and IMAP servers; Telegram mocked.
 */
let server: S3TestServer;
let restore: () => void;
const dovecotPassword = `dove-${randomUUID()}`;
const dovecot = await startDovecotOrSkip(dovecotPassword);

beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
  await dovecot?.stop();
});
beforeEach(() => {
  restore = closeNetwork();
});
afterEach(() => restore());

const s3Credential = () => ({
  key: 'accessKey',
  id: randomUUID(),
  data: {
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
  },
});

// A PNG signature and some bytes that are not valid UTF-8, so nothing text-shaped survives by luck.
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe, 0x42,
]);

describe('binary data between plugins', () => {
  test('S3 Download → Telegram Send Photo uploads the same bytes, name and type', async () => {
    const credential = s3Credential();
    const uploaded = await runNode(
      s3,
      'upload',
      {
        bucket: TEST_BUCKET,
        key: 'charts/sales.png',
        content: {
          kind: 'binary',
          fileName: 'sales.png',
          mimeType: 'image/png',
          size: PNG.byteLength,
          bytes: PNG,
        },
      },
      { credential },
    );
    expect(uploaded.error).toBeUndefined();
    const downloaded = await runNode<{ file: BinaryData }>(
      s3,
      'download',
      { bucket: TEST_BUCKET, key: 'charts/sales.png' },
      { credential },
    );
    expect(downloaded.error).toBeUndefined();
    const file = downloaded.output!.file;
    expect(file).toMatchObject({ kind: 'binary', fileName: 'sales.png', mimeType: 'image/png' });

    const token = '123456789:AAHflowtestflowtestflowtestflowtest12';
    const scope = nock('https://api.telegram.org')
      .post(`/bot${token}/sendPhoto`)
      .reply(200, {
        ok: true,
        result: { message_id: 7, date: 1, chat: { id: 42, type: 'private' }, photo: [] },
      });
    const requests = recordRequests(scope);
    const sent = await runNode(
      telegram,
      'sendPhoto',
      { chat_id: 42, photoFile: file, caption: 'Sales' },
      { credential: { key: 'botToken', data: { botToken: token } } },
    );
    expect(sent.error).toBeUndefined();
    const body = requests[0]!.rawBody;
    // nock keeps a body that is not UTF-8 as hex.
    expect(
      body.includes(Buffer.from(PNG).toString('hex')) ||
        body.includes(Buffer.from(PNG).toString('latin1')),
    ).toBe(true);
    expect(requests[0]!.headers['content-type']).toMatch(/^multipart\/form-data/);
  });

  test.runIf(dovecot !== undefined)(
    'an IMAP attachment → S3 Upload stores the attachment byte for byte',
    async () => {
      const user = `flow-${randomUUID().slice(0, 8)}`;
      await dovecot!.addUser(user);
      await dovecot!.deliver(user, invoiceMail);
      const read = await runNode<{ messages: Array<{ attachments: BinaryData[] }> }>(
        email,
        'read',
        { includeAttachments: true },
        {
          credential: {
            key: 'imap',
            id: randomUUID(),
            data: {
              host: '127.0.0.1',
              port: dovecot!.port,
              security: 'none',
              user,
              password: dovecotPassword,
            },
          },
        },
      );
      expect(read.error).toBeUndefined();
      const messages = read.output!.messages;
      const pdf = messages[0]!.attachments.find(
        (attachment) => attachment.mimeType === 'application/pdf',
      );
      expect(pdf).toBeDefined();
      const original = await readBinary(pdf!);

      const credential = s3Credential();
      const uploaded = await runNode(
        s3,
        'upload',
        { bucket: TEST_BUCKET, key: `invoices/${pdf!.fileName}`, content: pdf },
        { credential },
      );
      expect(uploaded.error).toBeUndefined();
      const back = await runNode<{ file: BinaryData }>(
        s3,
        'download',
        { bucket: TEST_BUCKET, key: `invoices/${pdf!.fileName}` },
        { credential },
      );
      expect(Buffer.from(await readBinary(back.output!.file)).equals(Buffer.from(original))).toBe(
        true,
      );
      expect(back.output?.file.mimeType).toBe('application/pdf');
    },
  );
});
