import { notionOAuthProvider } from '@knotwork/oauth-providers';
import { definePlugin } from '@knotwork/sdk';
import { internalIntegration, oauth2 } from './credentials.js';
import { notionPolicy } from './errors.js';
import { notionIcon } from './icon.js';
import { createPage } from './nodes/create-page.js';
import { queryDatabase } from './nodes/query-database.js';
import { updatePage } from './nodes/update-page.js';
import { NOTION_DOCS_URL } from './notion-urls.js';

export default definePlugin({
  name: 'notion',
  displayName: 'Notion',
  description: 'Query Notion databases and create, update or archive pages.',
  icon: notionIcon,
  categories: ['Productivity'],
  docsUrl: NOTION_DOCS_URL,
  credentials: [internalIntegration, oauth2],
  oauthProviders: [notionOAuthProvider],
  nodes: [queryDatabase, createPage, updatePage],
  policy: notionPolicy,
});
