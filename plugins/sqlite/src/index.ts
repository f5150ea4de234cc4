import { definePlugin } from '@knotwork/sdk';
import { database } from './credentials.js';
import { sqliteIcon } from './icon.js';
import { query } from './nodes/query.js';
import { SQLITE_DOCS_URL } from './urls.js';

export default definePlugin({
  name: 'sqlite',
  displayName: 'SQLite',
  description:
    'Query and change an SQLite database file: parameters, read-only mode, and batches in one transaction.',
  icon: sqliteIcon,
  categories: ['Database'],
  docsUrl: SQLITE_DOCS_URL,
  credentials: [database],
  nodes: [query],
});
