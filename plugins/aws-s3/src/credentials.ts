import { defineCredential, FieldType, field, secret, z } from '@knotwork/sdk';
import { testS3Connection } from './connection-check.js';
import { S3_DOCS_URL } from './s3-urls.js';

export const accessKeySchema = z.object({
  accessKeyId: field(z.string().trim().min(3, 'Give the access key ID'), {
    label: 'Access key ID',
    description:
      'From IAM > Users > Security credentials (AKIA…), or the key an S3-compatible store issued.',
    placeholder: 'AKIAIOSFODNN7EXAMPLE',
  }),
  secretAccessKey: secret(z.string().trim().min(1, 'Give the secret access key'), {
    label: 'Secret access key',
    description: 'Shown once, when the access key is created.',
  }),
  sessionToken: secret(z.string().trim().min(1), {
    label: 'Session token',
    description:
      'Only for temporary credentials (keys starting ASIA, from STS or SSO); they expire.',
    advanced: true,
  }).optional(),
  region: field(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'A region looks like us-east-1 or eu-west-1 (auto for Cloudflare R2)')
      .default('us-east-1'),
    {
      label: 'Region',
      description: "The bucket's region, e.g. eu-west-1. S3-compatible stores: their region name.",
      placeholder: 'us-east-1',
    },
  ),
  endpoint: field(z.url({ protocol: /^https?$/ }).optional(), {
    field: FieldType.URL,
    label: 'Endpoint',
    description:
      'Leave empty for Amazon S3. For MinIO, Cloudflare R2, Backblaze B2 and other S3-compatible stores, their S3 API URL.',
    placeholder: 'https://<account-id>.r2.cloudflarestorage.com',
    advanced: true,
  }),
  forcePathStyle: field(z.boolean().default(false), {
    label: 'Path-style addressing',
    description:
      'Address buckets as endpoint/bucket instead of bucket.endpoint. Most S3-compatible stores (MinIO, Ceph) need it on.',
    advanced: true,
  }),
  bucket: field(z.string().trim().min(1).optional(), {
    label: 'Bucket to test with',
    description:
      'Test connection checks this bucket (HeadBucket) instead of listing all buckets, which a key limited to some buckets may not do.',
    advanced: true,
  }),
});

export type AccessKeyData = z.output<typeof accessKeySchema>;

export const accessKey = defineCredential({
  key: 'accessKey',
  displayName: 'AWS access key',
  description:
    'An IAM access key (and secret), optionally with a session token; also for S3-compatible stores.',
  kind: 'apiKey',
  schema: accessKeySchema,
  // The AWS SDK signs every request itself (Signature Version 4).
  authenticate: { type: 'none' },
  test: testS3Connection,
  docsUrl: `${S3_DOCS_URL}#credentials`,
});
