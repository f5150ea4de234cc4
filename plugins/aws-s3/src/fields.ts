import { field, z } from '@knotwork/sdk';

/**
 * Bucket names as S3 and S3-compatible stores accept them. S3's rules for new buckets are
 * stricter (lowercase, 3-63 characters), but older us-east-1 buckets and other stores
 * allow capitals and underscores, so S3 has the last word on those.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const bucketField = field(
  z
    .string()
    .trim()
    // One problem per field: a too-short name need not also hear about its characters.
    .min(3, { error: 'A bucket name has at least 3 characters', abort: true })
    .max(255)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/,
      'A bucket name holds letters, digits, dots and hyphens, and starts and ends with a letter or digit (no s3:// prefix, no slash)',
    ),
  { label: 'Bucket', placeholder: 'my-bucket' },
);

/** "The name for a key is a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long." https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export const MAX_KEY_BYTES = 1024;

export function keyField(description: string) {
  return field(
    z
      .string()
      .min(1, 'Give the object key, e.g. reports/2024/summary.pdf')
      .refine(
        (key) => Buffer.byteLength(key, 'utf8') <= MAX_KEY_BYTES,
        `An object key is at most ${MAX_KEY_BYTES} bytes of UTF-8`,
      ),
    { label: 'Key', description, placeholder: 'reports/2024/summary.pdf' },
  );
}

/** S3 wraps ETags in double quotes; the quotes are part of HTTP, not of the value. */
export function unquoteEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^"(.*)"$/, '$1');
}
