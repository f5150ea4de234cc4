import { createHash } from 'node:crypto';
import { binaryFrom } from '@knotwork/sdk';
import { assertNoCanary, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  binaryBytes,
  fixture,
  getObject,
  s3Credential,
  TEST_BUCKET,
  useClosedNetwork,
  useS3Server,
} from './support.js';

useClosedNetwork();
const server = useS3Server();

interface UploadOutput {
  bucket: string;
  key: string;
  etag?: string;
  size: number;
  contentType: string;
  parts: number;
  location?: string;
}

const MIB = 1024 * 1024;

describe('Upload', () => {
  test('stores text with one signed PUT carrying the content type and metadata, and no checksum framing', async () => {
    const { credential, secret } = s3Credential(server());

    const run = await runNode<UploadOutput>(
      plugin,
      'upload',
      {
        bucket: TEST_BUCKET,
        key: 'notes/hello.txt',
        content: 'Hello, S3 ✓',
        metadata: { source: 'knotwork', 'run-id': '42' },
      },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      bucket: TEST_BUCKET,
      key: 'notes/hello.txt',
      size: Buffer.byteLength('Hello, S3 ✓'),
      contentType: 'text/plain; charset=utf-8',
      parts: 1,
      etag: createHash('md5').update('Hello, S3 ✓').digest('hex'),
    });
    const [put, ...others] = server().received;
    expect(others).toEqual([]);
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe(`/${TEST_BUCKET}/notes/hello.txt?x-id=PutObject`);
    expect(put?.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(put?.headers['x-amz-meta-source']).toBe('knotwork');
    expect(put?.headers['x-amz-meta-run-id']).toBe('42');
    expect(put?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    // WHEN_REQUIRED: no flexible checksum, no aws-chunked framing stored as object bytes.
    expect(Object.keys(put?.headers ?? {}).filter((name) => /checksum/.test(name))).toEqual([]);
    expect(put?.headers['content-encoding']).toBeUndefined();
    expect(put?.body.toString('utf8')).toBe('Hello, S3 ✓');
    const stored = await getObject(server(), 'notes/hello.txt');
    expect(Buffer.from(stored.bytes).toString('utf8')).toBe('Hello, S3 ✓');
    expect(stored.metadata).toEqual({ source: 'knotwork', 'run-id': '42' });
    // SigV4 proves the secret without sending it.
    assertNoCanary(secret, { logs: run.logs, output: run.output, requests: server().received });
  });

  test('stores a file from an earlier node under a folder key, keeping its name, type and bytes', async () => {
    const { credential } = s3Credential(server());
    const file = binaryFrom(binaryBytes(), { fileName: 'chart.png', mimeType: 'image/png' });

    const run = await runNode<UploadOutput>(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'reports/2024/', content: file },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      key: 'reports/2024/chart.png',
      contentType: 'image/png',
      size: 264,
      parts: 1,
    });
    const stored = await getObject(server(), 'reports/2024/chart.png');
    expect(stored.contentType).toBe('image/png');
    expect(Buffer.from(stored.bytes).equals(Buffer.from(binaryBytes()))).toBe(true);
  });

  test('sends content above the part size as a multipart upload, part by part', async () => {
    const { credential } = s3Credential(server());
    const bytes = new Uint8Array(11 * MIB).map((_, index) => (index * 7) % 251);
    const file = binaryFrom(bytes, { fileName: 'big.bin' });

    const run = await runNode<UploadOutput>(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'big/big.bin', content: file, partSizeMiB: 5 },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ size: 11 * MIB, parts: 3 });
    const calls = server().received.map((request) => {
      const url = new URL(request.url, 'http://s3');
      return `${request.method} ${url.pathname} ${[...url.searchParams.keys()].sort().join('&')} ${request.body.length}`;
    });
    expect(calls[0]).toBe(`POST /${TEST_BUCKET}/big/big.bin uploads 0`);
    expect(calls.slice(1, 4).sort()).toEqual([
      `PUT /${TEST_BUCKET}/big/big.bin partNumber&uploadId&x-id ${1 * MIB}`,
      `PUT /${TEST_BUCKET}/big/big.bin partNumber&uploadId&x-id ${5 * MIB}`,
      `PUT /${TEST_BUCKET}/big/big.bin partNumber&uploadId&x-id ${5 * MIB}`,
    ]);
    expect(calls[4]).toMatch(new RegExp(`^POST /${TEST_BUCKET}/big/big.bin uploadId `));
    const stored = await getObject(server(), 'big/big.bin');
    expect(createHash('sha256').update(stored.bytes).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  test('waits and retries when S3 answers 503 SlowDown, then succeeds', async () => {
    const { credential } = s3Credential(server());
    server().inject((request) => request.method === 'PUT', {
      status: 503,
      body: fixture('slow-down.xml'),
    });

    const run = await runNode<UploadOutput>(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'retry.txt', content: 'second time lucky' },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.retryDelays).toHaveLength(1);
    expect(server().received.map((request) => request.method)).toEqual(['PUT', 'PUT']);
    expect(server().received[1]?.body.toString()).toBe('second time lucky');
    expect(
      run.logs.some((record) => record.level === 'warn' && /Retrying PUT/.test(record.message)),
    ).toBe(true);
    expect(Buffer.from((await getObject(server(), 'retry.txt')).bytes).toString()).toBe(
      'second time lucky',
    );
  });

  test('gives up after the retries on a lasting InternalError and says it may be retried', async () => {
    const { credential } = s3Credential(server());
    server().inject(
      (request) => request.method === 'PUT',
      { status: 500, body: fixture('internal-error.xml') },
      10,
    );

    const run = await runNode(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'never.txt', content: 'x' },
      { credential },
    );

    expect(run.error?.code).toBe('InternalError');
    expect(run.error?.status).toBe(500);
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toMatch(/internal error.*Run the node again/);
    expect(run.retryDelays).toHaveLength(4);
    expect(server().received).toHaveLength(5);
  });

  test('aborts the multipart upload when a part keeps failing, leaving no parts behind', async () => {
    const { credential } = s3Credential(server());
    server().inject(
      (request) => request.method === 'PUT' && request.url.includes('partNumber=2'),
      { status: 500, body: fixture('internal-error.xml') },
      10,
    );
    // s3rver has no AbortMultipartUpload; S3 answers it 204 No Content.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
    server().inject((request) => request.method === 'DELETE', { status: 204 });

    const run = await runNode(
      plugin,
      'upload',
      {
        bucket: TEST_BUCKET,
        key: 'broken.bin',
        content: binaryFrom(new Uint8Array(6 * MIB), { fileName: 'broken.bin' }),
        partSizeMiB: 5,
      },
      { credential },
    );

    expect(run.error?.code).toBe('InternalError');
    const abort = server().received.find((request) => request.method === 'DELETE');
    expect(abort?.url).toMatch(new RegExp(`^/${TEST_BUCKET}/broken.bin\\?uploadId=`));
  });

  test('reports AccessDenied with the IAM hint and does not retry it', async () => {
    const { credential, secret } = s3Credential(server());
    server().inject(() => true, { status: 403, body: fixture('access-denied.xml') });

    const run = await runNode(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'denied.txt', content: 'x' },
      { credential },
    );

    expect(run.error).toMatchObject({ code: 'AccessDenied', status: 403, retryable: false });
    expect(run.error?.message).toContain(`s3://${TEST_BUCKET}/denied.txt`);
    expect(run.error?.hint).toMatch(/IAM policy/);
    expect(run.error?.details).toEqual({ requestId: '4442587FB7D0A2F9' });
    expect(run.retryDelays).toEqual([]);
    assertNoCanary(secret, { logs: run.logs, error: run.error });
  });

  test('explains EntityTooLarge', async () => {
    const { credential } = s3Credential(server());
    server().inject(() => true, { status: 400, body: fixture('entity-too-large.xml') });

    const run = await runNode(
      plugin,
      'upload',
      { bucket: TEST_BUCKET, key: 'huge.bin', content: 'pretend this is 5 GiB' },
      { credential },
    );

    expect(run.error?.code).toBe('EntityTooLarge');
    expect(run.error?.hint).toMatch(/multipart/);
  });

  test('reports a missing bucket as NoSuchBucket, straight from the server', async () => {
    const { credential } = s3Credential(server());

    const run = await runNode(
      plugin,
      'upload',
      { bucket: 'no-such-bucket', key: 'a.txt', content: 'x' },
      { credential },
    );

    expect(run.error).toMatchObject({ code: 'NoSuchBucket', status: 404, retryable: false });
    expect(run.error?.hint).toMatch(/No bucket has this name/);
    expect(run.retryDelays).toEqual([]);
  });

  test.each([
    [{ bucket: 's3://test-bucket', key: 'a', content: 'x' }, 'bucket'],
    [{ bucket: TEST_BUCKET, key: '', content: 'x' }, 'key'],
    [{ bucket: TEST_BUCKET, key: 'a', content: 'x', partSizeMiB: 1 }, 'partSizeMiB'],
    [{ bucket: TEST_BUCKET, key: 'a', content: 'x', metadata: { note: 'café' } }, 'metadata.note'],
    [
      { bucket: TEST_BUCKET, key: 'a', content: 'x', metadata: { 'bad name': 'v' } },
      'metadata.bad name',
    ],
    [{ bucket: TEST_BUCKET, key: 'folder/', content: 'text has no file name' }, 'key'],
    [{ bucket: TEST_BUCKET, key: 'a', content: { fileName: 'x' } }, 'content'],
  ])('names the bad field (%#)', async (input, path) => {
    const { credential } = s3Credential(server());

    const run = await runNode(plugin, 'upload', input, { credential });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
    expect(server().received).toEqual([]);
  });
});
