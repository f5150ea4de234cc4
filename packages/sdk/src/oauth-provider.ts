import { z } from 'zod';

/**
 * An OAuth2 provider described as data (after Nango's providers.yaml): the host and the
 * credentials manager read these keys, so no provider needs an `if` in their code.
 */
export const oauthProviderSchema = z
  .object({
    /** Shared key: several plugins may declare `google`; their scopes merge. */
    key: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    displayName: z.string().min(1),
    authorizationUrl: z.url(),
    tokenUrl: z.url(),
    revocationUrl: z.url().optional(),
    /** Scope sets per feature, e.g. google: { drive: [...], sheets: [...] }. */
    scopes: z.record(z.string(), z.array(z.string())).default({}),
    /** Always requested, whatever features are picked. */
    defaultScopes: z.array(z.string()).default([]),
    scopeSeparator: z.string().default(' '),
    /** Name of the authorization parameter that carries the scopes (Slack's user scopes: user_scope). */
    scopeParam: z.string().default('scope'),
    pkce: z.enum(['S256', 'plain', 'none']).default('S256'),
    /** How the client authenticates at the token endpoint. */
    clientAuthentication: z.enum(['basic', 'body']).default('body'),
    /** Extra authorization parameters, e.g. Google's access_type=offline and prompt=consent. */
    authorizationParams: z.record(z.string(), z.string()).default({}),
    /** Extra parameters sent with the token exchange. */
    tokenParams: z.record(z.string(), z.string()).default({}),
    /** Extra parameters sent with a refresh request. */
    refreshParams: z.record(z.string(), z.string()).default({}),
    /** Where the token sits in an odd response, as dotted paths (Slack's user token: authed_user.access_token). */
    tokenPaths: z
      .object({
        accessToken: z.string().default('access_token'),
        refreshToken: z.string().default('refresh_token'),
        expiresIn: z.string().default('expires_in'),
        scope: z.string().default('scope'),
        tokenType: z.string().default('token_type'),
      })
      .default({
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        expiresIn: 'expires_in',
        scope: 'scope',
        tokenType: 'token_type',
      }),
    /**
     * Token endpoints that answer 200 with a failure flag (Slack's oauth.v2.access:
     * `{ ok: false, error }`), and a token_type that is not "Bearer" (Slack: "bot").
     */
    tokenResponse: z
      .object({
        okPath: z.string().optional(),
        errorPath: z.string().optional(),
        /** Use this token type whatever the provider calls it. */
        tokenType: z.string().optional(),
      })
      .default({}),
    /** Refresh this many seconds before the token's stated expiry. */
    expiryBufferSeconds: z.number().int().min(0).default(300),
    /** Whether the provider issues refresh tokens at all (Notion and GitHub OAuth apps do not). */
    refreshTokens: z.boolean().default(true),
    /** The provider may hand out a new refresh token on refresh: store it (Google rarely, Microsoft always). */
    rotatesRefreshToken: z.boolean().default(false),
    /** How the provider says the access token has expired, beyond a plain 401. */
    expirySignal: z
      .object({
        statuses: z.array(z.number().int()).default([401]),
        /** Regular expression (source) matched against the error body. */
        bodyPattern: z.string().optional(),
      })
      .default({ statuses: [401] }),
    /** Supports the client-credentials grant (service accounts / app-only tokens). */
    clientCredentials: z.boolean().default(false),
    docsUrl: z.url().optional(),
  })
  .strict();

export type OAuthProviderInput = z.input<typeof oauthProviderSchema>;
export type OAuthProvider = z.output<typeof oauthProviderSchema>;

/** Validates a provider description at definition time, naming any bad key. */
export function defineOAuthProvider(provider: OAuthProviderInput): OAuthProvider {
  const parsed = oauthProviderSchema.safeParse(provider);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TypeError(`OAuth provider "${String(provider.key)}" is invalid: ${problems}`);
  }
  return parsed.data;
}
