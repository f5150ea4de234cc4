import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createCanary, type RunOptions } from '@knotwork/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type S3TestServer, startS3Server, TEST_BUCKET } from './s3-server.js';

export { useClosedNetwork } from '@knotwork/testing';

export { TEST_BUCKET };

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** One s3rver (behind its recording proxy) per test file; each test starts with a clean record. */
export function useS3Server(): () => S3TestServer {
  let server: S3TestServer | undefined;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => server?.close());
  beforeEach(() => server?.reset());
  return () => {
    if (!server) throw new Error('The S3 test server is not running');
    return server;
  };
}

/** S3's XML error body from test/fixtures (SOURCES.md says where each comes from). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/**
 * A credential for the local server whose secret is a canary. s3rver knows one access
 * key, S3RVER, and (for Signature V4) does not check the secret.
 */
export function s3Credential(
  server: S3TestServer,
  data: Record<string, unknown> = {},
): { credential: InlineCredential; secret: string } {
  const secret = createCanary('secret-access-key');
  return {
    secret,
    credential: {
      key: 'accessKey',
      id: randomUUID(),
      data: {
        accessKeyId: 'S3RVER',
        secretAccessKey: secret,
        region: 'us-east-1',
        endpoint: server.endpoint,
        forcePathStyle: true,
        ...data,
      },
    },
  };
}

/** A plain client straight to s3rver, for a test's own setup and checks. */
export function directClient(server: S3TestServer): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: server.upstreamEndpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function putObject(
  server: S3TestServer,
  key: string,
  body: Uint8Array | string,
  options: { contentType?: string; metadata?: Record<string, string> } = {},
): Promise<void> {
  const client = directClient(server);
  await client.send(
    new PutObjectCommand({
      Bucket: TEST_BUCKET,
      Key: key,
      Body: body,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      ...(options.metadata ? { Metadata: options.metadata } : {}),
    }),
  );
  client.destroy();
}

export async function getObject(server: S3TestServer, key: string) {
  const client = directClient(server);
  const object = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: key }));
  const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
  client.destroy();
  return { bytes, contentType: object.ContentType, metadata: object.Metadata ?? {} };
}

/** Every byte value, then a PNG signature: text-unsafe content that must survive unchanged. */
export function binaryBytes(): Uint8Array {
  const bytes = new Uint8Array(256 + 8);
  for (let value = 0; value < 256; value++) bytes[value] = value;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 256);
  return bytes;
}
