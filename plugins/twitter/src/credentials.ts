import { baseUrlField, defineCredential, field, secret, z } from '@knotwork/sdk';
import { xRequest } from './client.js';
import { xOAuthProvider, xScopes } from './oauth-provider.js';
import { X_API_URL, X_DOCS_URL } from './urls.js';

interface UserResponse {
  data?: { id: string; name: string; username: string };
}

/** X's own developer account: always there, so looking it up proves a token can read. */
const PROBE_USERNAME = 'XDevelopers';

export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'X OAuth 2.0 (user)',
  description:
    'Acts as an X account you sign in with in the browser: posts, searches and looks up users.',
  kind: 'oauth2',
  schema: z.object({
    clientId: field(z.string().trim().min(1), {
      label: 'Client ID',
      description:
        "From the app's Keys and tokens page, under OAuth 2.0 Client ID and Client Secret.",
    }),
    clientSecret: secret(z.string().trim().min(1), {
      label: 'Client Secret',
      description:
        'For a Web App, Automated App or Bot (a confidential client). Leave empty for a Native App, which has no secret.',
    }).optional(),
  }),
  oauth: { provider: xOAuthProvider.key, scopes: [...xScopes.post] },
  baseUrl: { default: X_API_URL },
  // GET /2/users/me needs tweet.read and users.read, the scopes every node here asks for.
  // https://docs.x.com/x-api/users/user-lookup-me
  test: async (ctx) => {
    const { data } = await xRequest<UserResponse>(ctx.http, { method: 'GET', url: '/users/me' });
    const user = data.data;
    return {
      ok: true,
      message: user
        ? `Connected to X as @${user.username} (${user.name})`
        : 'Connected to X (it did not say as whom)',
    };
  },
  docsUrl: `${X_DOCS_URL}#oauth-20-user-context`,
});

export const appBearerToken = defineCredential({
  key: 'appBearerToken',
  displayName: 'X app bearer token',
  description:
    "Your app's own token (app-only): reads public posts and users, cannot post or act as anyone.",
  kind: 'apiKey',
  schema: z.object({
    token: secret(
      z.string().trim().min(20, 'Paste the whole Bearer Token from the Keys and tokens page'),
      {
        label: 'Bearer Token',
        description: "From the app's Keys and tokens page, under Bearer Token. Paste it as shown.",
        placeholder: 'AAAAAAAAAAAAAAAAAAAAA…',
      },
    ),
    baseUrl: baseUrlField(X_API_URL),
  }),
  // "Authorization: Bearer $BEARER_TOKEN". https://docs.x.com/fundamentals/authentication/oauth-2-0/application-only
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: X_API_URL, field: 'baseUrl' },
  // An app-only token has no "me"; a public user lookup is the cheapest read it can make.
  // https://docs.x.com/x-api/users/user-lookup-by-username
  test: async (ctx) => {
    const { data } = await xRequest<UserResponse>(ctx.http, {
      method: 'GET',
      url: `/users/by/username/${PROBE_USERNAME}`,
    });
    return {
      ok: true,
      message: `The bearer token works: X answered a user lookup (@${data.data?.username ?? PROBE_USERNAME}). It can read, but Post Tweet needs an OAuth 2.0 credential.`,
    };
  },
  docsUrl: `${X_DOCS_URL}#app-bearer-token`,
});
