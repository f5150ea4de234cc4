import { z } from 'zod';
import { field } from './field-types.js';
import type { HttpClient, OutgoingRequest } from './http/types.js';
import type { Logger } from './logger.js';

export type CredentialKind = 'apiKey' | 'oauth2' | 'basicAuth' | 'custom';

/**
 * The provider key of a generic "OAuth2 (custom)" credential: its endpoints come from the
 * credential's own data (authorizationUrl, tokenUrl, clientId, clientSecret, scopes, ...)
 * instead of a provider the plugin declares.
 */
export const CUSTOM_OAUTH_PROVIDER = 'custom';

/** Tokens an OAuth2 credential holds; kept apart from the user-entered data. */
export interface OAuthTokenSet {
  accessToken: string;
  tokenType?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  scope?: string;
}

/** A credential as a node receives it: decrypted, with a fresh token for OAuth2. */
export interface ResolvedCredential<K extends string = string, D = Record<string, unknown>> {
  /** Local key within the plugin, e.g. `botToken`. */
  key: K;
  /** Global type, e.g. `slack.botToken`. */
  type: string;
  data: D;
  token?: OAuthTokenSet;
  /** Saved credential's id and name, when it came from the store. */
  id?: string;
  name?: string;
}

type StringKeys<D> = Extract<keyof D, string>;

/** How the credential signs a request, as data; a function for anything odder. */
export type Authentication<D> =
  | { type: 'bearer'; field: StringKeys<D> }
  | { type: 'header'; name: string; field: StringKeys<D>; prefix?: string }
  | { type: 'query'; name: string; field: StringKeys<D> }
  | { type: 'basic'; usernameField: StringKeys<D>; passwordField: StringKeys<D> }
  /** Authorization: Bearer <the OAuth2 access token>. */
  | { type: 'oauth2' }
  | { type: 'none' }
  | ((request: OutgoingRequest, credential: ResolvedCredential<string, D>) => void | Promise<void>);

export interface CredentialTestResult {
  ok: boolean;
  /** e.g. "Connected to workspace Acme as @knotwork-bot". */
  message: string;
  hint?: string;
}

export interface CredentialTestContext<D> {
  credential: ResolvedCredential<string, D>;
  http: HttpClient;
  logger: Logger;
  signal: AbortSignal;
  /** Masks a secret the test learned or derived (a token inside a URL) in logs and messages. */
  addSecret(value: string): void;
}

export interface CredentialDefinitionInput<K extends string, S extends z.ZodObject> {
  key: K;
  displayName: string;
  description?: string;
  kind: CredentialKind;
  schema: S;
  authenticate?: Authentication<z.output<S>>;
  /** Default API root; `field` names the data field that overrides it (Enterprise, sovereign clouds, local test servers). */
  baseUrl?: { default?: string; field?: StringKeys<z.output<S>> };
  /**
   * For oauth2: the provider key (declared by this plugin, or CUSTOM_OAUTH_PROVIDER) and
   * what to request. The credential's data carries the OAuth client: `clientId` and
   * `clientSecret` fields.
   */
  oauth?: {
    provider: string;
    /**
     * Each entry is a feature name of the provider's `scopes` map (expanded to its scope
     * set), or else a raw scope sent as it is.
     */
    scopes?: string[];
    grant?: 'authorization_code' | 'client_credentials';
  };
  /** The "Test connection" button: a cheap authenticated call that proves the credential works. */
  test(ctx: CredentialTestContext<z.output<S>>): Promise<CredentialTestResult>;
  docsUrl?: string;
}

export interface CredentialDefinition<
  K extends string = string,
  S extends z.ZodObject = z.ZodObject,
> extends CredentialDefinitionInput<K, S> {
  readonly __knotwork: 'credential';
}

export function defineCredential<K extends string, S extends z.ZodObject>(
  definition: CredentialDefinitionInput<K, S>,
): CredentialDefinition<K, S> {
  if (!/^[a-z][A-Za-z0-9]*$/.test(definition.key)) {
    throw new TypeError(`Credential key "${definition.key}" must be camelCase letters and digits`);
  }
  if (typeof definition.test !== 'function') {
    throw new TypeError(
      `Credential "${definition.key}" has no test(): every credential needs a "Test connection" check`,
    );
  }
  if (definition.kind === 'oauth2' && !definition.oauth) {
    throw new TypeError(`Credential "${definition.key}" is oauth2 but names no oauth provider`);
  }
  return { ...definition, __knotwork: 'credential' };
}

/** A base URL override field, collapsed under advanced options. */
export function baseUrlField(defaultUrl: string, label = 'Base URL') {
  return field(z.url().optional(), {
    label,
    description: `Leave empty for ${defaultUrl}. Set it for self-hosted or regional endpoints.`,
    placeholder: defaultUrl,
    advanced: true,
  });
}

/** The data's base URL, or the credential's default. */
export function baseUrlOf(
  definition: Pick<CredentialDefinitionInput<string, z.ZodObject>, 'baseUrl'>,
  data: Record<string, unknown>,
): string | undefined {
  const override = definition.baseUrl?.field ? data[definition.baseUrl.field] : undefined;
  return typeof override === 'string' && override !== '' ? override : definition.baseUrl?.default;
}

/** Applies a declarative authentication to an outgoing request. */
export async function applyAuthentication(
  authentication: Authentication<Record<string, unknown>> | undefined,
  kind: CredentialKind,
  request: OutgoingRequest,
  credential: ResolvedCredential,
): Promise<void> {
  const auth =
    authentication ?? (kind === 'oauth2' ? { type: 'oauth2' as const } : { type: 'none' as const });
  if (typeof auth === 'function') return auth(request, credential);
  const value = (name: string) => {
    const raw = credential.data[name];
    return raw === undefined || raw === null ? '' : String(raw);
  };
  switch (auth.type) {
    case 'bearer':
      request.headers.set('authorization', `Bearer ${value(auth.field)}`);
      return;
    case 'header':
      request.headers.set(auth.name, `${auth.prefix ?? ''}${value(auth.field)}`);
      return;
    case 'query':
      request.url.searchParams.set(auth.name, value(auth.field));
      return;
    case 'basic': {
      const pair = `${value(auth.usernameField)}:${value(auth.passwordField)}`;
      request.headers.set('authorization', `Basic ${Buffer.from(pair).toString('base64')}`);
      return;
    }
    case 'oauth2':
      if (credential.token) {
        request.headers.set('authorization', `Bearer ${credential.token.accessToken}`);
      }
      return;
    case 'none':
      return;
  }
}

/** The name a manifest shows for a credential's authentication. */
export function authenticationLabel(
  auth: Authentication<Record<string, unknown>> | undefined,
  kind: CredentialKind,
) {
  if (typeof auth === 'function') return 'custom';
  return auth?.type ?? (kind === 'oauth2' ? 'oauth2' : 'none');
}
