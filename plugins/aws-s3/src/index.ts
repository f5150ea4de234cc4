import { definePlugin } from '@knotwork/sdk';
import { accessKey } from './credentials.js';
import { s3Policy } from './errors.js';
import { s3Icon } from './icon.js';
import { download } from './nodes/download.js';
import { listObjects } from './nodes/list-objects.js';
import { upload } from './nodes/upload.js';
import { S3_DOCS_URL } from './s3-urls.js';

export default definePlugin({
  name: 'aws-s3',
  displayName: 'Amazon S3',
  description:
    'Upload, download and list objects in Amazon S3 and S3-compatible stores (MinIO, Cloudflare R2, Backblaze B2).',
  icon: s3Icon,
  categories: ['Storage', 'Developer Tools'],
  docsUrl: S3_DOCS_URL,
  credentials: [accessKey],
  nodes: [upload, download, listObjects],
  policy: s3Policy,
});
