import { notionOAuthProvider } from '@knotwork/oauth-providers';
import { baseUrlField, defineCredential, field, secret, z } from '@knotwork/sdk';
import { checkNotionConnection } from './connection-check.js';
import { NOTION_API_URL, NOTION_DOCS_URL } from './notion-urls.js';

export const internalIntegration = defineCredential({
  key: 'internalIntegration',
  displayName: 'Notion internal integration',
  description: "An internal integration's secret, for your own workspace.",
  kind: 'apiKey',
  schema: z.object({
    token: secret(
      z
        .string()
        .trim()
        .min(1, 'Paste the Internal Integration Secret')
        // Integration secrets start ntn_ (secret_ before September 2024); Notion's newer
        // personal access tokens are bearer tokens too, and their format is not documented,
        // so the prefix is described rather than enforced.
        .regex(/^\S+$/, 'Paste the secret alone, without "Bearer" or spaces'),
      {
        label: 'Internal Integration Secret',
        description:
          "From the integration's Configuration page; starts with ntn_ (or secret_ for older integrations). A Notion personal access token works too.",
        placeholder: 'ntn_…',
      },
    ),
    baseUrl: baseUrlField(NOTION_API_URL),
  }),
  // "Authorization: Bearer {token}". https://developers.notion.com/reference/authentication
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: NOTION_API_URL, field: 'baseUrl' },
  test: (ctx) => checkNotionConnection(ctx.http),
  docsUrl: `${NOTION_DOCS_URL}#internal-integration`,
});

export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'Notion OAuth2',
  description:
    'Connects through the browser with your public integration; the user picks the pages to share.',
  kind: 'oauth2',
  schema: z.object({
    clientId: field(z.string().trim().min(1), {
      label: 'OAuth client ID',
      description: "From the public integration's Configuration page.",
    }),
    clientSecret: secret(z.string().trim().min(1), {
      label: 'OAuth client secret',
      description: "From the public integration's Configuration page.",
    }),
  }),
  // Notion has no scopes: capabilities are set on the integration, and pages are chosen on the
  // consent screen. https://developers.notion.com/docs/authorization
  oauth: { provider: notionOAuthProvider.key },
  baseUrl: { default: NOTION_API_URL },
  test: (ctx) => checkNotionConnection(ctx.http),
  docsUrl: `${NOTION_DOCS_URL}#oauth-public-integration`,
});
