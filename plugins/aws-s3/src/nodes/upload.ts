import { Upload } from '@aws-sdk/lib-storage';
import {
  type BinaryData,
  binaryField,
  defineNode,
  FieldType,
  field,
  invalidFieldsError,
  z,
} from '@knotwork/sdk';
import { accessKey } from '../credentials.js';
import { bucketField, keyField, unquoteEtag } from '../fields.js';
import { withS3 } from '../s3-client.js';

const MIB = 1024 * 1024;
/** "Part numbers can be any number from 1 to 10,000"; parts are 5 MiB to 5 GiB, the last may be smaller. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
const MIN_PART_MIB = 5;
const MAX_PART_MIB = 5 * 1024;
/** "user-defined metadata is limited to 2 KB in size" (keys and values, UTF-8). https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html */
const MAX_METADATA_BYTES = 2048;
/** Metadata travels as x-amz-meta-<name> headers: the name must be an HTTP token. */
const METADATA_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** Header values: printable US-ASCII, so every store and proxy keeps them as they are. */
const METADATA_VALUE = /^[\x20-\x7e]*$/;

const input = z
  .strictObject({
    bucket: bucketField,
    key: keyField(
      'Where to store the object. Ending with "/" appends the file\'s own name (reports/ + summary.pdf).',
    ),
    content: field(z.union([binaryField(), z.string()]), {
      label: 'Content',
      description: 'A file from an earlier node, or text (stored as UTF-8).',
    }),
    contentType: field(z.string().trim().min(1).optional(), {
      label: 'Content type',
      description:
        "Defaults to the file's own type, or text/plain; charset=utf-8 for text. Browsers use it when the object is downloaded.",
      placeholder: 'application/pdf',
    }),
    metadata: field(z.record(z.string(), z.string()).optional(), {
      field: FieldType.JSON,
      label: 'Metadata',
      description:
        'User metadata, stored as x-amz-meta-<name> headers: names are letters, digits and -_. and values plain ASCII, at most 2 KB in all.',
      advanced: true,
    }),
    partSizeMiB: field(z.number().int().min(MIN_PART_MIB).max(MAX_PART_MIB).default(8), {
      label: 'Part size (MiB)',
      description:
        'Content larger than this is sent as a multipart upload, in parts of this size, four at a time. S3 takes 5 MiB to 5 GiB per part and at most 10,000 parts.',
      advanced: true,
    }),
  })
  .superRefine((value, ctx) => {
    for (const [name, text] of Object.entries(value.metadata ?? {})) {
      if (!METADATA_NAME.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', name],
          message: `Metadata name "${name}" must be letters, digits and - _ . (it becomes the header x-amz-meta-${name})`,
        });
      } else if (!METADATA_VALUE.test(text)) {
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', name],
          message: 'Metadata values must be printable ASCII (S3 sends them as HTTP headers)',
        });
      }
    }
    const size = Object.entries(value.metadata ?? {}).reduce(
      (sum, [name, text]) => sum + Buffer.byteLength(name) + Buffer.byteLength(text),
      0,
    );
    if (size > MAX_METADATA_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['metadata'],
        message: `Metadata is ${size} bytes; S3 allows ${MAX_METADATA_BYTES}`,
      });
    }
  });

const output = z.object({
  bucket: z.string(),
  key: z.string(),
  etag: z.string().optional().describe("The object's ETag, without quotes."),
  versionId: z.string().optional().describe('Set when the bucket has versioning on.'),
  location: z.string().optional().describe("The object's URL."),
  size: z.number().int().nonnegative().describe('Bytes stored.'),
  contentType: z.string(),
  parts: z.number().int().positive().describe('1 for a single PUT, else the multipart part count.'),
});

export const upload = defineNode({
  key: 'upload',
  kind: 'action',
  displayName: 'Upload',
  description:
    'Stores a file from an earlier node, or text, as an object in a bucket; large content goes up as a multipart upload.',
  credentials: [accessKey],
  input,
  output,
  // A large file on a slow line: each part request still has the policy's own timeout.
  timeoutMs: 30 * 60_000,
  run: async (ctx, request) => {
    const { content } = request;
    const key = objectKey(request.key, content);
    const body =
      typeof content === 'string'
        ? new TextEncoder().encode(content)
        : (content.bytes ?? content.stream);
    const contentType =
      request.contentType ??
      (typeof content === 'string' ? 'text/plain; charset=utf-8' : content.mimeType);
    const progress = { parts: 0, loaded: 0 };
    const result = await withS3(ctx, { name: 'Upload', bucket: request.bucket, key }, (client) => {
      // lib-storage sends one PutObject when the body fits in one part, else a multipart
      // upload, and aborts the multipart upload if a part fails (leavePartsOnError: false),
      // so no orphaned parts keep costing storage.
      const transfer = new Upload({
        client,
        params: {
          Bucket: request.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ...(request.metadata ? { Metadata: request.metadata } : {}),
        },
        partSize: request.partSizeMiB * MIB,
        queueSize: 4,
        leavePartsOnError: false,
      });
      transfer.on('httpUploadProgress', (event) => {
        progress.parts = Math.max(progress.parts, event.part ?? 0);
        progress.loaded = Math.max(progress.loaded, event.loaded ?? 0);
      });
      return transfer.done();
    });
    const etag = unquoteEtag(result.ETag);
    ctx.logger.info(`Uploaded s3://${request.bucket}/${key}`, {
      parts: Math.max(progress.parts, 1),
    });
    return {
      bucket: request.bucket,
      key,
      ...(etag ? { etag } : {}),
      ...(result.VersionId ? { versionId: result.VersionId } : {}),
      ...(result.Location ? { location: result.Location } : {}),
      size: body instanceof Uint8Array ? body.byteLength : progress.loaded,
      contentType,
      parts: Math.max(progress.parts, 1),
    };
  },
});

/** A key ending in "/" names a folder: the file keeps its own name inside it. */
function objectKey(key: string, content: BinaryData | string): string {
  if (!key.endsWith('/')) return key;
  if (typeof content === 'string') {
    throw invalidFieldsError('aws-s3', 'Input of aws-s3.upload', [
      {
        path: 'key',
        message:
          'A key ending in "/" takes the name of the uploaded file, but text has no file name: give the full key, e.g. notes/today.txt',
      },
    ]);
  }
  return `${key}${content.fileName}`;
}
