import { HeadBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import {
  type CredentialTestContext,
  type CredentialTestResult,
  isIntegrationError,
} from '@knotwork/sdk';
import type { AccessKeyData } from './credentials.js';
import { createS3Client } from './s3-client.js';
import { toS3IntegrationError } from './s3-error-mapping.js';

/** How many bucket names "Test connection" shows. */
const LISTED_BUCKETS = 5;

/**
 * HeadBucket on the credential's test bucket when it names one (a key limited to some
 * buckets may not list them all), else ListBuckets.
 */
export async function testS3Connection(
  ctx: CredentialTestContext<AccessKeyData>,
): Promise<CredentialTestResult> {
  const { data } = ctx.credential;
  const client = createS3Client(data, ctx.http.fetch);
  try {
    if (data.bucket) {
      const head = await client.send(new HeadBucketCommand({ Bucket: data.bucket }), {
        abortSignal: ctx.signal,
      });
      return {
        ok: true,
        message: `Connected: bucket ${data.bucket} is reachable${head.BucketRegion ? ` (region ${head.BucketRegion})` : ''}.`,
      };
    }
    const listing = await client.send(new ListBucketsCommand({}), { abortSignal: ctx.signal });
    const names = (listing.Buckets ?? []).flatMap((bucket) => (bucket.Name ? [bucket.Name] : []));
    const shown = names.slice(0, LISTED_BUCKETS).join(', ');
    return {
      ok: true,
      message: `Connected: the key sees ${names.length} bucket${names.length === 1 ? '' : 's'}${shown ? ` (${shown}${names.length > LISTED_BUCKETS ? ', …' : ''})` : ''}.`,
    };
  } catch (error) {
    const mapped = toS3IntegrationError(
      error,
      data.bucket ? { name: 'HeadBucket', bucket: data.bucket } : { name: 'ListBuckets' },
      ctx.signal,
    );
    if (!isIntegrationError(mapped)) throw mapped;
    const hint =
      mapped.code === 'AccessDenied' && !data.bucket
        ? `${mapped.hint} A key limited to some buckets may not list all buckets (s3:ListAllMyBuckets): set "Bucket to test with" in the credential.`
        : mapped.hint;
    return { ok: false, message: mapped.message, hint };
  } finally {
    client.destroy();
  }
}
