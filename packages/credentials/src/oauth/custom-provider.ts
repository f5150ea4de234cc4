import {
  CUSTOM_OAUTH_PROVIDER,
  defineOAuthProvider,
  field,
  invalidInputError,
  type OAuthProvider,
  secret,
  z,
} from '@knotwork/sdk';

/**
 * What a person types for a service knotwork has no provider config for (or a tenant-
 * specific one: Microsoft single-tenant apps, sovereign clouds, self-hosted GitLab or
 * Keycloak). The webhook plugin's `oauth2` credential ("OAuth2 (custom)") holds these
 * fields; this schema also takes the grant, a scope separator and extra authorization
 * parameters, and ignores fields it does not know (such as its testUrl).
 */
export const customOAuth2DataSchema = z
  .object({
    authorizationUrl: field(z.url().optional(), {
      label: 'Authorization URL',
      description: 'Where users approve access. Not needed for the client-credentials grant.',
      placeholder: 'https://auth.example.com/oauth2/authorize',
    }),
    tokenUrl: field(z.url(), {
      label: 'Token URL',
      placeholder: 'https://auth.example.com/oauth2/token',
    }),
    revocationUrl: field(z.url().optional(), {
      label: 'Revocation URL',
      description: 'RFC 7009 endpoint, used when the credential is deleted.',
      advanced: true,
    }),
    clientId: field(z.string().min(1), { label: 'Client ID' }),
    clientSecret: secret(z.string().min(1), { label: 'Client secret' }).optional(),
    scopes: field(z.union([z.string(), z.array(z.string())]).optional(), {
      label: 'Scopes',
      description: 'Separated by spaces (or the separator below).',
      placeholder: 'read write offline_access',
    }),
    scopeSeparator: field(z.string().min(1).default(' '), {
      label: 'Scope separator',
      advanced: true,
    }),
    pkce: field(z.enum(['S256', 'plain', 'none']).default('S256'), {
      label: 'PKCE',
      description: 'S256 unless the server rejects code_challenge.',
      advanced: true,
    }),
    clientAuthentication: field(z.enum(['basic', 'body']).default('body'), {
      label: 'Client authentication',
      description: 'HTTP Basic, or client_id and client_secret in the request body.',
      advanced: true,
    }),
    authorizationParams: field(z.record(z.string(), z.string()).default({}), {
      label: 'Extra authorization parameters',
      advanced: true,
    }),
    grant: field(
      z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
      {
        label: 'Grant',
      },
    ),
  })
  .refine((data) => data.grant === 'client_credentials' || data.authorizationUrl !== undefined, {
    path: ['authorizationUrl'],
    message: 'required for the authorization-code grant',
  });

export type CustomOAuth2Data = z.input<typeof customOAuth2DataSchema>;

/**
 * An OAuthProvider from the custom credential's data, so the OAuth flows treat it like any
 * provider a plugin declares. Throws IntegrationError `invalid_input` naming bad fields.
 */
export function customProviderFromData(data: unknown): OAuthProvider {
  const parsed = customOAuth2DataSchema.safeParse(data);
  if (!parsed.success) {
    throw invalidInputError(
      CUSTOM_OAUTH_PROVIDER,
      'OAuth2 (custom) credential',
      parsed.error.issues,
    );
  }
  const custom = parsed.data;
  const scopes =
    typeof custom.scopes === 'string'
      ? custom.scopes.split(custom.scopeSeparator === ' ' ? /\s+/ : custom.scopeSeparator)
      : (custom.scopes ?? []);
  return defineOAuthProvider({
    key: CUSTOM_OAUTH_PROVIDER,
    displayName: `OAuth2 (${new URL(custom.tokenUrl).host})`,
    // The client-credentials grant never visits an authorization URL.
    authorizationUrl: custom.authorizationUrl ?? custom.tokenUrl,
    tokenUrl: custom.tokenUrl,
    ...(custom.revocationUrl ? { revocationUrl: custom.revocationUrl } : {}),
    defaultScopes: scopes.map((scope) => scope.trim()).filter((scope) => scope !== ''),
    scopeSeparator: custom.scopeSeparator,
    pkce: custom.pkce,
    clientAuthentication: custom.clientAuthentication,
    authorizationParams: custom.authorizationParams,
    clientCredentials: custom.grant === 'client_credentials',
  });
}
