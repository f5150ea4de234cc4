import type { BinaryData } from '@knotwork/sdk';
import { assertNoCanary, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  binaryBytes,
  fixture,
  putObject,
  s3Credential,
  TEST_BUCKET,
  useClosedNetwork,
  useS3Server,
} from './support.js';

useClosedNetwork();
const server = useS3Server();

interface DownloadOutput {
  file: BinaryData;
  bucket: string;
  key: string;
  size: number;
  contentType: string;
  etag?: string;
  lastModified?: string;
  metadata: Record<string, string>;
}

describe('Download', () => {
  test("returns the object as a file named after the key's last segment, typed by its Content-Type", async () => {
    await putObject(server(), 'reports/2024/chart.png', binaryBytes(), {
      contentType: 'image/png',
      metadata: { owner: 'finance' },
    });
    const { credential, secret } = s3Credential(server());

    const run = await runNode<DownloadOutput>(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'reports/2024/chart.png' },
      { credential },
    );

    expect(run.error).toBeUndefined();
    const output = run.output!;
    expect(output.file).toMatchObject({
      kind: 'binary',
      fileName: 'chart.png',
      mimeType: 'image/png',
      size: 264,
    });
    expect(Buffer.from(output.file.bytes!).equals(Buffer.from(binaryBytes()))).toBe(true);
    expect(output).toMatchObject({
      bucket: TEST_BUCKET,
      key: 'reports/2024/chart.png',
      size: 264,
      contentType: 'image/png',
      metadata: { owner: 'finance' },
    });
    expect(output.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(output.lastModified ?? '')).not.toBeNaN();
    expect(server().received.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET /${TEST_BUCKET}/reports/2024/chart.png?x-id=GetObject`,
    ]);
    assertNoCanary(secret, { logs: run.logs, output: run.output, requests: server().received });
  });

  test('keeps the file name given in the input and types an untyped object as octet-stream', async () => {
    await putObject(server(), 'exports/data', 'a,b\n1,2\n');
    const { credential } = s3Credential(server());

    const run = await runNode<DownloadOutput>(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'exports/data', fileName: 'data.csv' },
      { credential },
    );

    expect(run.output?.file.fileName).toBe('data.csv');
    expect(run.output?.file.mimeType).toMatch(/octet-stream$/);
    expect(new TextDecoder().decode(run.output?.file.bytes)).toBe('a,b\n1,2\n');
  });

  test('reports a missing key as NoSuchKey with a hint, without retrying', async () => {
    const { credential } = s3Credential(server());

    const run = await runNode(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'does/not/exist.txt' },
      { credential },
    );

    expect(run.error).toMatchObject({ service: 'aws-s3', code: 'NoSuchKey', status: 404 });
    expect(run.error?.message).toContain(`s3://${TEST_BUCKET}/does/not/exist.txt`);
    expect(run.error?.hint).toMatch(/case-sensitive/);
    expect(run.retryDelays).toEqual([]);
  });

  test('names the region the bucket lives in when S3 answers PermanentRedirect', async () => {
    const { credential } = s3Credential(server());
    server().inject(() => true, {
      status: 301,
      body: fixture('permanent-redirect.xml'),
      headers: { 'x-amz-bucket-region': 'eu-west-1' },
    });

    const run = await runNode(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'a.txt' },
      { credential },
    );

    expect(run.error?.code).toBe('PermanentRedirect');
    expect(run.error?.hint).toBe(
      "The bucket is in region eu-west-1: set the credential's region to eu-west-1 and run again.",
    );
    expect(run.error?.details).toMatchObject({ bucketRegion: 'eu-west-1' });
  });

  test('retries a GET after SlowDown and then returns the object', async () => {
    await putObject(server(), 'busy.txt', 'finally');
    const { credential } = s3Credential(server());
    server().inject(
      (request) => request.method === 'GET',
      { status: 503, body: fixture('slow-down.xml') },
      2,
    );

    const run = await runNode<DownloadOutput>(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'busy.txt' },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.retryDelays).toHaveLength(2);
    expect(new TextDecoder().decode(run.output?.file.bytes)).toBe('finally');
  });

  test('reports SlowDown as rate limiting when it lasts, and as retryable', async () => {
    const { credential } = s3Credential(server());
    server().inject(() => true, { status: 503, body: fixture('slow-down.xml') }, 10);

    const run = await runNode(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'busy.txt' },
      { credential },
    );

    expect(run.error).toMatchObject({ code: 'SlowDown', status: 503, retryable: true });
    expect(run.error?.hint).toMatch(/slow down/);
    expect(run.retryDelays).toHaveLength(4);
  });

  test('names the empty key', async () => {
    const { credential } = s3Credential(server());

    const run = await runNode(plugin, 'download', { bucket: TEST_BUCKET, key: '' }, { credential });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['key']);
  });

  test('keeps the secret and the session token out of errors and logs', async () => {
    const { credential, secret } = s3Credential(server(), {
      sessionToken: 'kwcanary-session-token-0123456789',
    });
    server().inject(() => true, { status: 403, body: fixture('access-denied.xml') });

    const run = await runNode(
      plugin,
      'download',
      { bucket: TEST_BUCKET, key: 'secret.txt' },
      { credential },
    );

    expect(run.error?.code).toBe('AccessDenied');
    // The session token is sent (as S3 requires) but never shown.
    expect(server().received[0]?.headers['x-amz-security-token']).toBe(
      'kwcanary-session-token-0123456789',
    );
    assertNoCanary(secret, { logs: run.logs, error: run.error });
    assertNoCanary('kwcanary-session-token-0123456789', { logs: run.logs, error: run.error });
  });
});
