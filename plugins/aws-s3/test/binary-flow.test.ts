import { type BinaryData, binaryFrom, binaryFromStream } from '@knotwork/sdk';
import { runNode } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  binaryBytes,
  s3Credential,
  TEST_BUCKET,
  useClosedNetwork,
  useS3Server,
} from './support.js';

useClosedNetwork();
const server = useS3Server();

test('a file made with binaryFrom goes up and comes back byte-identical, with its name and type', async () => {
  const { credential } = s3Credential(server());
  const original = binaryFrom(binaryBytes(), { fileName: 'scan.png', mimeType: 'image/png' });

  const uploaded = await runNode<{ key: string }>(
    plugin,
    'upload',
    { bucket: TEST_BUCKET, key: 'inbox/', content: original },
    { credential },
  );
  const downloaded = await runNode<{ file: BinaryData }>(
    plugin,
    'download',
    { bucket: TEST_BUCKET, key: uploaded.output?.key },
    { credential },
  );

  expect(uploaded.output?.key).toBe('inbox/scan.png');
  expect(downloaded.output?.file).toMatchObject({
    fileName: 'scan.png',
    mimeType: 'image/png',
    size: original.size,
  });
  expect(Buffer.from(downloaded.output?.file.bytes ?? []).equals(Buffer.from(binaryBytes()))).toBe(
    true,
  );
});

test('a streamed file is uploaded without buffering it first, and arrives whole', async () => {
  const { credential } = s3Credential(server());
  const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), binaryBytes()];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

  const uploaded = await runNode<{ size: number }>(
    plugin,
    'upload',
    {
      bucket: TEST_BUCKET,
      key: 'streams/data.bin',
      content: binaryFromStream(stream, { fileName: 'data.bin' }),
    },
    { credential },
  );
  const downloaded = await runNode<{ file: BinaryData }>(
    plugin,
    'download',
    { bucket: TEST_BUCKET, key: 'streams/data.bin' },
    { credential },
  );

  expect(uploaded.error).toBeUndefined();
  expect(uploaded.output?.size).toBe(269);
  expect(Array.from(downloaded.output?.file.bytes ?? []).slice(0, 6)).toEqual([1, 2, 3, 4, 5, 0]);
  expect(downloaded.output?.file.size).toBe(269);
});
