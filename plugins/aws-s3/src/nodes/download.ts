import { GetObjectCommand } from '@aws-sdk/client-s3';
import { binaryField, binaryFrom, defineNode, field, z } from '@knotwork/sdk';
import { accessKey } from '../credentials.js';
import { bucketField, keyField, unquoteEtag } from '../fields.js';
import { withS3 } from '../s3-client.js';

const input = z.strictObject({
  bucket: bucketField,
  key: keyField('The full key of the object, e.g. reports/2024/summary.pdf.'),
  versionId: field(z.string().trim().min(1).optional(), {
    label: 'Version ID',
    description: 'A specific version, in a bucket with versioning on. Empty for the latest.',
    advanced: true,
  }),
  fileName: field(z.string().trim().min(1).optional(), {
    label: 'File name',
    description: "Name the file gets in the workflow. Defaults to the key's last segment.",
    advanced: true,
  }),
});

const output = z.object({
  file: binaryField({ label: 'File', description: "The object's bytes, name and type." }),
  bucket: z.string(),
  key: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional().describe('ISO 8601.'),
  versionId: z.string().optional(),
  metadata: z.record(z.string(), z.string()).describe('User metadata (x-amz-meta-*), by name.'),
});

/** S3 stores whatever type the uploader gave; objects without one are served as this. */
const DEFAULT_TYPE = 'application/octet-stream';

export const download = defineNode({
  key: 'download',
  kind: 'action',
  displayName: 'Download',
  description:
    'Fetches an object into the workflow as a file (named after its key, typed by its Content-Type), with its metadata.',
  credentials: [accessKey],
  input,
  output,
  timeoutMs: 30 * 60_000,
  run: async (ctx, request) => {
    const { object, bytes } = await withS3(
      ctx,
      { name: 'GetObject', bucket: request.bucket, key: request.key },
      async (client) => {
        const object = await client.send(
          new GetObjectCommand({
            Bucket: request.bucket,
            Key: request.key,
            ...(request.versionId ? { VersionId: request.versionId } : {}),
          }),
          { abortSignal: ctx.signal },
        );
        // Read inside the call so a connection dropped mid-body is reported like any S3 failure.
        const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
        return { object, bytes };
      },
    );
    const contentType = object.ContentType || DEFAULT_TYPE;
    const etag = unquoteEtag(object.ETag);
    return {
      file: binaryFrom(bytes, {
        fileName: request.fileName ?? fileNameOf(request.key),
        mimeType: contentType.split(';')[0]?.trim() || DEFAULT_TYPE,
      }),
      bucket: request.bucket,
      key: request.key,
      size: bytes.byteLength,
      contentType,
      ...(etag ? { etag } : {}),
      ...(object.LastModified ? { lastModified: object.LastModified.toISOString() } : {}),
      ...(object.VersionId ? { versionId: object.VersionId } : {}),
      metadata: object.Metadata ?? {},
    };
  },
});

/** "reports/2024/summary.pdf" -> "summary.pdf"; a folder-like key keeps its last name. */
function fileNameOf(key: string): string {
  const segments = key.split('/').filter((segment) => segment !== '');
  return segments.at(-1) ?? 'download';
}
