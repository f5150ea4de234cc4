import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  fixture,
  putObject,
  s3Credential,
  TEST_BUCKET,
  useClosedNetwork,
  useS3Server,
} from './support.js';

useClosedNetwork();
const server = useS3Server();

interface ListOutput {
  objects: Array<{ key: string; size: number; etag?: string; lastModified?: string }>;
  commonPrefixes: string[];
  count: number;
  truncated: boolean;
  nextContinuationToken?: string;
}

const KEYS = ['docs/a.txt', 'docs/b.txt', 'docs/old/c.txt', 'img/d.png', 'readme.md'];

beforeAll(async () => {
  for (const key of KEYS) await putObject(server(), key, `content of ${key}`);
});

function listCalls() {
  return server().received.map((request) => {
    const url = new URL(request.url, 'http://s3');
    return Object.fromEntries(url.searchParams);
  });
}

describe('List Objects', () => {
  test('follows every page with the continuation token', async () => {
    const { credential, secret } = s3Credential(server());

    const run = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: TEST_BUCKET, pageSize: 2 },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.objects.map((object) => object.key)).toEqual(KEYS);
    expect(run.output).toMatchObject({ count: 5, truncated: false, commonPrefixes: [] });
    expect(run.output?.objects[0]).toMatchObject({
      key: 'docs/a.txt',
      size: 'content of docs/a.txt'.length,
    });
    const calls = listCalls();
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({ 'list-type': '2', 'max-keys': '2' });
    expect(calls[1]).toMatchObject({ 'list-type': '2', 'max-keys': '2' });
    expect(calls[1]?.['continuation-token']).toEqual(expect.any(String));
    expect(calls[2]?.['continuation-token']).not.toBe(calls[1]?.['continuation-token']);
    assertNoCanary(secret, { logs: run.logs, output: run.output });
  });

  test('folds keys below the delimiter into common prefixes', async () => {
    const { credential } = s3Credential(server());

    const run = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: TEST_BUCKET, prefix: 'docs/', delimiter: '/' },
      { credential },
    );

    expect(run.output?.objects.map((object) => object.key)).toEqual(['docs/a.txt', 'docs/b.txt']);
    expect(run.output?.commonPrefixes).toEqual(['docs/old/']);
    expect(listCalls()).toEqual([
      { delimiter: '/', 'list-type': '2', 'max-keys': '1000', prefix: 'docs/' },
    ]);
  });

  test('stops at maxItems, says more remain, and resumes from the token it returns', async () => {
    const { credential } = s3Credential(server());

    const first = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: TEST_BUCKET, maxItems: 3 },
      { credential },
    );

    expect(first.output?.objects.map((object) => object.key)).toEqual(KEYS.slice(0, 3));
    expect(first.output?.truncated).toBe(true);
    expect(first.output?.nextContinuationToken).toEqual(expect.any(String));
    expect(listCalls()[0]?.['max-keys']).toBe('3');

    const rest = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: TEST_BUCKET, continuationToken: first.output?.nextContinuationToken },
      { credential },
    );

    expect(rest.output?.objects.map((object) => object.key)).toEqual(KEYS.slice(3));
    expect(rest.output?.truncated).toBe(false);
    expect(rest.output?.nextContinuationToken).toBeUndefined();
  });

  test('retries a page answered with SlowDown and carries on', async () => {
    const { credential } = s3Credential(server());
    server().inject((request) => request.url.includes('continuation-token'), {
      status: 503,
      body: fixture('slow-down.xml'),
    });

    const run = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: TEST_BUCKET, pageSize: 3 },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.count).toBe(5);
    expect(run.retryDelays).toHaveLength(1);
    expect(listCalls()).toHaveLength(3);
  });

  test('reports a missing bucket as NoSuchBucket', async () => {
    const { credential } = s3Credential(server());

    const run = await runNode(plugin, 'listObjects', { bucket: 'missing-bucket' }, { credential });

    expect(run.error).toMatchObject({ code: 'NoSuchBucket', status: 404, retryable: false });
    expect(run.error?.message).toContain('s3://missing-bucket/');
  });

  test.each([
    [{ bucket: TEST_BUCKET, maxItems: 0 }, 'maxItems'],
    [{ bucket: TEST_BUCKET, pageSize: 1001 }, 'pageSize'],
    [{ bucket: 'a' }, 'bucket'],
  ])('names the bad field (%#)', async (input, path) => {
    const { credential } = s3Credential(server());

    const run = await runNode(plugin, 'listObjects', input, { credential });

    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
  });
});

describe('List Objects against Amazon S3 itself', () => {
  test('addresses the bucket virtual-hosted style in its region and reads the documented XML', async () => {
    const scope = nock('https://bucket.s3.eu-west-1.amazonaws.com')
      .get('/')
      .query({ 'list-type': '2', 'max-keys': '2' })
      .reply(200, fixture('list-objects-v2-page-1.xml'), { 'content-type': 'application/xml' })
      .get('/')
      .query({
        'list-type': '2',
        'max-keys': '2',
        'continuation-token': '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
      })
      .reply(200, fixture('list-objects-v2-page-2.xml'), { 'content-type': 'application/xml' });
    const requests = recordRequests(scope);
    const { credential } = s3Credential(server(), {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      region: 'eu-west-1',
      endpoint: undefined,
      forcePathStyle: false,
    });

    const run = await runNode<ListOutput>(
      plugin,
      'listObjects',
      { bucket: 'bucket', pageSize: 2 },
      { credential },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.objects).toEqual([
      {
        key: 'happyface.jpg',
        size: 11,
        lastModified: '2014-11-21T19:40:05.000Z',
        etag: '70ee1738b6b21e2c8a43f3a5ab0eee71',
        storageClass: 'STANDARD',
      },
      {
        key: 'happyfacex.jpg',
        size: 1111,
        lastModified: '2014-11-21T19:40:05.000Z',
        etag: '70ee1738b6b21e2c8a43f3a5ab0eee71',
        storageClass: 'STANDARD',
      },
      {
        key: 'my-image.jpg',
        size: 434234,
        lastModified: '2009-10-12T17:50:30.000Z',
        etag: 'fba9dede5f27731c9771645a39863328',
        storageClass: 'STANDARD',
      },
    ]);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request/,
    );
    expect(requests[0]?.headers['x-amz-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
