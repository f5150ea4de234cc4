import {
  CUSTOM_OAUTH_PROVIDER,
  defineCredential,
  FieldType,
  field,
  secret,
  z,
} from '@knotwork/sdk';
import { checkWithTestUrl } from './credential-check.js';

const testUrl = field(z.url().optional(), {
  label: 'Test URL',
  description: 'A URL that answers 2xx when the credential works; "Test connection" calls it.',
  advanced: true,
});

export const bearerToken = defineCredential({
  key: 'bearerToken',
  displayName: 'Bearer token',
  description: 'Sends Authorization: Bearer <token>.',
  kind: 'apiKey',
  schema: z.object({ token: secret(z.string().min(1), { label: 'Token' }), testUrl }),
  authenticate: { type: 'bearer', field: 'token' },
  test: checkWithTestUrl,
});

export const headerAuth = defineCredential({
  key: 'headerAuth',
  displayName: 'Header auth',
  description: 'Sends a header of your choice, e.g. X-API-Key.',
  kind: 'apiKey',
  schema: z.object({
    name: field(
      z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'A header name: letters, digits and - only'),
      { label: 'Header name', placeholder: 'X-API-Key' },
    ),
    value: secret(z.string().min(1), { label: 'Header value' }),
    testUrl,
  }),
  authenticate: (request, credential) => {
    request.headers.set(credential.data.name, credential.data.value);
  },
  test: checkWithTestUrl,
});

export const basicAuth = defineCredential({
  key: 'basicAuth',
  displayName: 'Basic auth',
  description: 'Sends Authorization: Basic with a username and password.',
  kind: 'basicAuth',
  schema: z.object({
    username: field(z.string().min(1), { label: 'Username' }),
    password: secret(z.string(), { label: 'Password' }),
    testUrl,
  }),
  authenticate: { type: 'basic', usernameField: 'username', passwordField: 'password' },
  test: checkWithTestUrl,
});

export const hmacSecret = defineCredential({
  key: 'hmacSecret',
  displayName: 'HMAC signing secret',
  description: 'The shared secret a sender signs webhook bodies with.',
  kind: 'custom',
  schema: z.object({
    secret: secret(z.string().min(8, 'Use at least 8 characters'), { label: 'Signing secret' }),
  }),
  authenticate: { type: 'none' },
  test: async () => ({
    ok: true,
    message: 'Nothing to call: the secret is checked against the signatures of incoming requests.',
  }),
});

/**
 * "OAuth2 (custom)": any OAuth2 server, endpoints typed in by hand. The credentials
 * manager builds the provider from these fields.
 */
export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'OAuth2 (custom)',
  description: 'Any OAuth2 authorization server: give its endpoints and your client.',
  kind: 'oauth2',
  schema: z
    .object({
      grant: field(
        z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
        {
          field: FieldType.SELECT,
          label: 'Grant',
          description:
            'authorization_code: a person signs in. client_credentials: a service account, no sign-in.',
        },
      ),
      authorizationUrl: field(z.url().optional(), {
        label: 'Authorization URL',
        description: 'Where people approve access; not used by the client-credentials grant.',
      }),
      tokenUrl: field(z.url(), { label: 'Token URL' }),
      revocationUrl: field(z.url().optional(), { label: 'Revocation URL', advanced: true }),
      clientId: field(z.string().min(1), { label: 'Client ID' }),
      clientSecret: secret(z.string().min(1), { label: 'Client secret' }),
      scopes: field(z.string().default(''), {
        label: 'Scopes',
        description: 'Separated by spaces, as the server expects them.',
      }),
      pkce: field(z.enum(['S256', 'plain', 'none']).default('S256'), {
        field: FieldType.SELECT,
        label: 'PKCE',
        advanced: true,
      }),
      clientAuthentication: field(z.enum(['body', 'basic']).default('body'), {
        field: FieldType.SELECT,
        label: 'Client authentication',
        description: 'How the client id and secret reach the token endpoint.',
        advanced: true,
      }),
      testUrl,
    })
    .refine((data) => data.grant === 'client_credentials' || data.authorizationUrl !== undefined, {
      path: ['authorizationUrl'],
      message: 'Required for the authorization-code grant',
    }),
  oauth: { provider: CUSTOM_OAUTH_PROVIDER },
  authenticate: { type: 'oauth2' },
  test: checkWithTestUrl,
});
