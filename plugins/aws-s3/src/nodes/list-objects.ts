import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { defineNode, field, z } from '@knotwork/sdk';
import { accessKey } from '../credentials.js';
import { bucketField, unquoteEtag } from '../fields.js';
import { withS3 } from '../s3-client.js';

/** "Returns some or all (up to 1,000) of the objects in a bucket with each request." https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
const MAX_PAGE = 1000;

const input = z.strictObject({
  bucket: bucketField,
  prefix: field(z.string().optional(), {
    label: 'Prefix',
    description: 'Only keys starting with this, e.g. reports/2024/.',
    placeholder: 'reports/',
  }),
  delimiter: field(z.string().min(1).optional(), {
    label: 'Delimiter',
    description:
      'Usually "/": keys below the next "/" after the prefix are folded into Common prefixes (like folders) instead of listed.',
    placeholder: '/',
  }),
  maxItems: field(z.number().int().min(1).max(100_000).default(1000), {
    label: 'Max items',
    description:
      'Stop after this many objects and common prefixes; the output says when more remain.',
  }),
  startAfter: field(z.string().min(1).optional(), {
    label: 'Start after',
    description: 'List keys after this one (alphabetically).',
    advanced: true,
  }),
  continuationToken: field(z.string().min(1).optional(), {
    label: 'Continuation token',
    description: "Resume a listing from an earlier run's nextContinuationToken.",
    advanced: true,
  }),
  pageSize: field(z.number().int().min(1).max(MAX_PAGE).default(MAX_PAGE), {
    label: 'Page size',
    description:
      'Keys per request (S3 returns at most 1,000). Lower it for stores with a smaller limit.',
    advanced: true,
  }),
});

const objectSchema = z.object({
  key: z.string(),
  size: z.number().int().nonnegative(),
  lastModified: z.string().optional().describe('ISO 8601.'),
  etag: z.string().optional(),
  storageClass: z.string().optional(),
});

const output = z.object({
  objects: z.array(objectSchema),
  commonPrefixes: z.array(z.string()).describe('With a delimiter: the "folders" below the prefix.'),
  count: z.number().int().nonnegative().describe('Objects listed.'),
  truncated: z.boolean().describe('True when more keys remain than maxItems allowed.'),
  nextContinuationToken: z
    .string()
    .optional()
    .describe('When truncated: pass it as continuationToken to go on.'),
});

type ListedObject = z.input<typeof objectSchema>;

export const listObjects = defineNode({
  key: 'listObjects',
  kind: 'action',
  displayName: 'List Objects',
  description:
    'Lists the objects in a bucket (optionally under a prefix, folded by a delimiter), following every page up to a maximum.',
  credentials: [accessKey],
  input,
  output,
  run: async (ctx, request) => {
    const objects: ListedObject[] = [];
    const commonPrefixes: string[] = [];
    let token = request.continuationToken;
    let more = true;
    await withS3(ctx, { name: 'ListObjectsV2', bucket: request.bucket }, async (client) => {
      // ListObjectsV2 pages by ContinuationToken until IsTruncated is false.
      while (more && objects.length + commonPrefixes.length < request.maxItems) {
        const remaining = request.maxItems - objects.length - commonPrefixes.length;
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: request.bucket,
            MaxKeys: Math.min(request.pageSize, remaining),
            ...(request.prefix ? { Prefix: request.prefix } : {}),
            ...(request.delimiter ? { Delimiter: request.delimiter } : {}),
            ...(token
              ? { ContinuationToken: token }
              : request.startAfter
                ? { StartAfter: request.startAfter }
                : {}),
          }),
          { abortSignal: ctx.signal },
        );
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined) continue;
          const etag = unquoteEtag(object.ETag);
          objects.push({
            key: object.Key,
            size: object.Size ?? 0,
            ...(object.LastModified ? { lastModified: object.LastModified.toISOString() } : {}),
            ...(etag ? { etag } : {}),
            ...(object.StorageClass ? { storageClass: object.StorageClass } : {}),
          });
        }
        for (const folder of page.CommonPrefixes ?? []) {
          if (folder.Prefix !== undefined) commonPrefixes.push(folder.Prefix);
        }
        token = page.NextContinuationToken;
        more = page.IsTruncated === true && token !== undefined;
      }
    });
    return {
      objects,
      commonPrefixes,
      count: objects.length,
      truncated: more,
      ...(more && token ? { nextContinuationToken: token } : {}),
    };
  },
});
