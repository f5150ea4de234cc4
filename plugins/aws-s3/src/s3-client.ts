import { AsyncLocalStorage } from 'node:async_hooks';
import { S3Client } from '@aws-sdk/client-s3';
import type { NodeContext, ResolvedCredential } from '@knotwork/sdk';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import type { AccessKeyData } from './credentials.js';
import { type S3Operation, toS3IntegrationError } from './s3-error-mapping.js';

export type S3Context = NodeContext<ResolvedCredential<'accessKey', AccessKeyData>>;

/**
 * The fetch of the run an S3 call belongs to. One S3Client serves every run of a
 * credential, but each run has its own `ctx.http.fetch` (its cancel signal, its retry
 * record, its rate-limit budget), so the client's handler looks the fetch up here.
 */
const runFetch = new AsyncLocalStorage<typeof fetch>();

const fetchOfCurrentRun: typeof fetch = (input, init) => {
  const fetchForRun = runFetch.getStore();
  if (!fetchForRun) {
    return Promise.reject(new TypeError('An S3 request was made outside a knotwork run'));
  }
  return fetchForRun(input, init);
};

/**
 * An S3 client whose every request goes through knotwork's http layer (`fetch`), so one
 * policy rules retries, rate limits and timeouts: the SDK's own retries are off.
 */
export function createS3Client(data: AccessKeyData, fetchImpl: typeof fetch): S3Client {
  return new S3Client({
    region: data.region,
    ...(data.endpoint ? { endpoint: data.endpoint } : {}),
    forcePathStyle: data.forcePathStyle,
    credentials: {
      accessKeyId: data.accessKeyId,
      secretAccessKey: data.secretAccessKey,
      ...(data.sessionToken ? { sessionToken: data.sessionToken } : {}),
    },
    maxAttempts: 1,
    // Since client-s3 3.729 the SDK adds CRC32 checksums (aws-chunked framing for streamed
    // bodies) to every upload by default. Many S3-compatible stores reject them
    // (XAmzContentSHA256Mismatch, "Unsupported header x-amz-sdk-checksum-algorithm") or,
    // like s3rver, store the framing as the object's bytes. WHEN_REQUIRED sends checksums
    // only where the API demands one, as before.
    // https://github.com/aws/aws-sdk-js-v3/issues/6819, https://github.com/boto/s3transfer/issues/327
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new FetchHttpHandler({ customFetch: fetchImpl }),
  });
}

/**
 * Runs S3 calls with the credential's pooled client, inside the run's fetch, and turns
 * every failure into an IntegrationError naming the bucket and key.
 */
export async function withS3<T>(
  ctx: S3Context,
  operation: S3Operation,
  call: (client: S3Client) => Promise<T>,
): Promise<T> {
  const client = await ctx.connections.get(
    's3-client',
    () => createS3Client(ctx.credential.data, fetchOfCurrentRun),
    (pooled) => pooled.destroy(),
  );
  try {
    return await runFetch.run(ctx.http.fetch, () => call(client));
  } catch (error) {
    throw toS3IntegrationError(error, operation, ctx.signal);
  }
}
