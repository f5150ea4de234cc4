import { githubOAuthProvider } from '@knotwork/oauth-providers';
import { defineCredential, field, secret, z } from '@knotwork/sdk';
import { checkGitHubConnection } from './connection-check.js';
import { GITHUB_API_URL, GITHUB_DOCS_URL } from './github-urls.js';

/**
 * The REST root: api.github.com, https://HOST/api/v3 for GitHub Enterprise Server, or
 * https://api.SUBDOMAIN.ghe.com for GitHub Enterprise Cloud with data residency.
 * https://docs.github.com/en/enterprise-server@latest/rest/quickstart
 * The usual mistake is the web address instead, which answers HTML: refused here with the fix.
 */
const githubApiBaseUrl = field(
  z
    .url({ protocol: /^https?$/ })
    .refine((value) => urlOf(value)?.hostname !== 'github.com', {
      message: 'github.com is the website: the API is https://api.github.com (or leave this empty)',
    })
    .refine(
      (value) => {
        const url = urlOf(value);
        if (!url) return true;
        return url.pathname.replace(/\/+$/, '') !== '' || url.hostname.startsWith('api.');
      },
      {
        message:
          'GitHub Enterprise Server serves its API under /api/v3: give https://HOST/api/v3, not the bare host',
      },
    )
    .optional(),
  {
    label: 'API base URL',
    description:
      'Leave empty for github.com. GitHub Enterprise Server: https://HOST/api/v3. Enterprise Cloud with data residency: https://api.SUBDOMAIN.ghe.com.',
    placeholder: GITHUB_API_URL,
    advanced: true,
  },
);

/** zod runs every check, so the refinements above also see text that is not a URL. */
function urlOf(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

export const personalAccessToken = defineCredential({
  key: 'personalAccessToken',
  displayName: 'GitHub personal access token',
  description: 'A fine-grained or classic personal access token, pasted once.',
  kind: 'apiKey',
  schema: z.object({
    token: secret(
      z
        .string()
        .trim()
        .min(1, 'Paste the token')
        .regex(/^\S+$/, 'Paste the token alone, without "Bearer" or spaces'),
      {
        label: 'Token',
        description:
          'Fine-grained (github_pat_…) or classic (ghp_…). Settings → Developer settings → Personal access tokens.',
        placeholder: 'github_pat_…',
      },
    ),
    baseUrl: githubApiBaseUrl,
  }),
  // "In most cases, you can use Authorization: Bearer or Authorization: token to pass a token."
  // https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: GITHUB_API_URL, field: 'baseUrl' },
  test: (ctx) => checkGitHubConnection(ctx.http),
  docsUrl: `${GITHUB_DOCS_URL}#personal-access-token`,
});

export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'GitHub OAuth2',
  description: 'Signs in to github.com through the browser with your own OAuth app.',
  kind: 'oauth2',
  schema: z.object({
    clientId: field(z.string().trim().min(1), {
      label: 'Client ID',
      description: "From the OAuth app's page under Settings → Developer settings → OAuth Apps.",
      placeholder: 'Ov23li…',
    }),
    clientSecret: secret(z.string().trim().min(1), {
      label: 'Client Secret',
      description: "Generated on the OAuth app's page.",
    }),
    baseUrl: githubApiBaseUrl,
  }),
  oauth: {
    provider: githubOAuthProvider.key,
    // GitHub has no narrower scope for issues or pull requests: both come with `repo`.
    scopes: ['repo'],
  },
  baseUrl: { default: GITHUB_API_URL, field: 'baseUrl' },
  test: (ctx) => checkGitHubConnection(ctx.http),
  docsUrl: `${GITHUB_DOCS_URL}#oauth-app`,
});
