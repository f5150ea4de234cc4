import { definePlugin } from '@knotwork/sdk';
import { oauth2, serviceAccount } from './credentials.js';
import { sheetsPolicy } from './errors.js';
import { googleSheetsIcon } from './icon.js';
import { read } from './nodes/read.js';
import { write } from './nodes/write.js';
import { googleOAuthProvider } from './oauth-provider.js';
import { SHEETS_DOCS_URL } from './urls.js';

export default definePlugin({
  name: 'google-sheets',
  displayName: 'Google Sheets',
  description:
    'Read ranges of Google Sheets spreadsheets and append or update rows in one request.',
  icon: googleSheetsIcon,
  categories: ['Productivity', 'Data & Storage'],
  docsUrl: SHEETS_DOCS_URL,
  credentials: [oauth2, serviceAccount],
  oauthProviders: [googleOAuthProvider],
  nodes: [read, write],
  policy: sheetsPolicy,
});
