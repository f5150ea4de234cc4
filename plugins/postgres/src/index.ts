import { definePlugin } from '@knotwork/sdk';
import { connection } from './credentials.js';
import { postgresIcon } from './icon.js';
import { query } from './nodes/query.js';
import { POSTGRES_DOCS_URL } from './urls.js';

export default definePlugin({
  name: 'postgres',
  displayName: 'PostgreSQL',
  description:
    'Query PostgreSQL with parameters over a pooled connection per credential; batches in one transaction and fast multi-row inserts.',
  icon: postgresIcon,
  categories: ['Database'],
  docsUrl: POSTGRES_DOCS_URL,
  credentials: [connection],
  nodes: [query],
});
