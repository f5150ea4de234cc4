import { assertNoCanary, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { fixture, s3Credential, TEST_BUCKET, useClosedNetwork, useS3Server } from './support.js';

useClosedNetwork();
const server = useS3Server();

function credentialData(data: Record<string, unknown> = {}) {
  const { credential, secret } = s3Credential(server(), data);
  if (typeof credential === 'string') throw new TypeError('expected an inline credential');
  return { data: credential.data, secret };
}

describe('Test connection', () => {
  test('lists the buckets the key can see', async () => {
    const { data, secret } = credentialData();

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result).toMatchObject({
      ok: true,
      message: 'Connected: the key sees 1 bucket (test-bucket).',
    });
    expect(server().received.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /?x-id=ListBuckets',
    ]);
    assertNoCanary(secret, { result, requests: server().received });
  });

  test('checks only the named bucket when one is set (HeadBucket)', async () => {
    const { data } = credentialData({ bucket: TEST_BUCKET });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Connected: bucket test-bucket is reachable/);
    expect(server().received.map((request) => `${request.method} ${request.url}`)).toEqual([
      `HEAD /${TEST_BUCKET}/`,
    ]);
  });

  test('says the access key ID is unknown (InvalidAccessKeyId from the server)', async () => {
    const { data } = credentialData({ accessKeyId: 'AKIAWRONGKEY0000' });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/InvalidAccessKeyId/);
    expect(result.hint).toMatch(/does not know this access key ID/);
  });

  test('says the secret is wrong on SignatureDoesNotMatch, without showing it', async () => {
    const { data, secret } = credentialData();
    server().inject(() => true, { status: 403, body: fixture('signature-does-not-match.xml') });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/SignatureDoesNotMatch/);
    expect(result.hint).toMatch(/secret access key is wrong/);
    assertNoCanary(secret, { result });
  });

  test('suggests a test bucket when the key may not list all buckets', async () => {
    const { data } = credentialData();
    server().inject(() => true, { status: 403, body: fixture('access-denied.xml') });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(false);
    expect(result.hint).toMatch(/IAM policy/);
    expect(result.hint).toMatch(/Bucket to test with/);
  });

  test("names the bucket's region when HeadBucket is redirected (no body, only the header)", async () => {
    const { data } = credentialData({ bucket: TEST_BUCKET });
    server().inject(() => true, {
      status: 301,
      headers: { 'x-amz-bucket-region': 'ap-southeast-2' },
    });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/MovedPermanently|PermanentRedirect/);
    expect(result.hint).toContain('ap-southeast-2');
  });

  test('says the endpoint cannot be reached when nothing listens there', async () => {
    const { data } = credentialData({ endpoint: 'http://127.0.0.1:9' });

    const result = await testCredential(plugin, { key: 'accessKey', data });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Could not reach/);
    expect(result.hint).toMatch(/endpoint URL/);
  });
});
