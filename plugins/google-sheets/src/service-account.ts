import { createHash } from 'node:crypto';
import { IntegrationError, isIntegrationError } from '@knotwork/sdk';
import { gaxios, JWT } from 'google-auth-library';
import { SERVICE, TOKEN_ERROR_FALLBACK_HINT, tokenErrorRules } from './errors.js';
import { SPREADSHEETS_SCOPE } from './urls.js';

/**
 * The fields of a service account's JSON key file that signing needs.
 * https://cloud.google.com/iam/docs/keys-create-delete (the key file format)
 */
export interface ServiceAccountKey {
  type: 'service_account';
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

const REQUIRED_FIELDS = ['client_email', 'private_key'] as const;

/** Why a pasted text is not a usable service-account key, or the key. */
export function parseServiceAccountKey(
  text: string,
): { key: ServiceAccountKey } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      problem:
        'Paste the whole JSON key file, from { to }: what was pasted is not JSON (Cloud console → IAM → Service accounts → Keys → Add key → JSON)',
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: 'Paste the whole JSON key file: it is a JSON object starting with {' };
  }
  const fields = parsed as Record<string, unknown>;
  if ('installed' in fields || 'web' in fields) {
    return {
      problem:
        'This is an OAuth client file, not a service-account key: use it with the google-sheets.oauth2 credential, or create a key under the service account (Keys → Add key → JSON)',
    };
  }
  if (fields.type !== 'service_account') {
    return {
      problem: `The file's "type" is ${JSON.stringify(fields.type ?? null)}, not "service_account": create a JSON key under a service account (Keys → Add key → JSON)`,
    };
  }
  const missing = REQUIRED_FIELDS.filter(
    (name) => typeof fields[name] !== 'string' || fields[name] === '',
  );
  if (missing.length > 0) {
    return {
      problem: `The key lacks ${missing.join(' and ')}: paste the whole JSON key file as downloaded`,
    };
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(String(fields.private_key))) {
    return {
      problem:
        'The key\'s private_key is not a PEM private key ("-----BEGIN PRIVATE KEY-----…"): paste the file unchanged',
    };
  }
  return { key: fields as unknown as ServiceAccountKey };
}

interface AccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Google's access tokens last an hour; a new one is fetched five minutes before that. */
const EARLY_REFRESH_MS = 5 * 60 * 1000;

/**
 * Access tokens per key, shared across runs: a JWT exchange costs a round trip to Google,
 * and the same service account usually runs many nodes an hour. A module map rather than
 * ctx.connections because the credential's `authenticate` (used by "Test connection")
 * receives no context. Keyed by a hash, so the map holds no key material as a key.
 */
const tokens = new Map<string, Promise<AccessToken>>();

/**
 * An access token for the key, from the cache or from a JWT-bearer exchange at Google's
 * token endpoint (https://developers.google.com/identity/protocols/oauth2/service-account).
 * `fetchImplementation` is the node's ctx.http.fetch when there is one, so the exchange
 * runs under knotwork's timeouts and retries.
 */
export async function serviceAccountToken(
  key: ServiceAccountKey,
  fetchImplementation?: typeof fetch,
): Promise<string> {
  const cacheKey = createHash('sha256')
    .update(`${key.client_email}\n${key.private_key_id ?? ''}\n${key.private_key}`)
    .digest('hex');
  const cached = tokens.get(cacheKey);
  if (cached) {
    const token = await cached.catch(() => undefined);
    if (token && token.expiresAt - EARLY_REFRESH_MS > Date.now()) return token.accessToken;
  }
  const fresh = exchangeJwt(key, fetchImplementation);
  tokens.set(cacheKey, fresh);
  // A failed exchange is not kept: the next run tries again.
  fresh.catch(() => {
    if (tokens.get(cacheKey) === fresh) tokens.delete(cacheKey);
  });
  return (await fresh).accessToken;
}

async function exchangeJwt(
  key: ServiceAccountKey,
  fetchImplementation: typeof fetch | undefined,
): Promise<AccessToken> {
  const client = new JWT({
    email: key.client_email,
    key: key.private_key,
    ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
    scopes: [SPREADSHEETS_SCOPE],
    // gaxios would retry the exchange three times on its own; knotwork's policy decides.
    transporter: new gaxios.Gaxios({
      retryConfig: { retry: 0 },
      ...(fetchImplementation ? { fetchImplementation } : {}),
    }),
  });
  try {
    const credentials = await client.authorize();
    if (!credentials.access_token) throw new Error('Google answered without an access token');
    return {
      accessToken: credentials.access_token,
      expiresAt: credentials.expiry_date ?? Date.now() + 3_600_000,
    };
  } catch (error) {
    throw tokenError(error, key);
  }
}

interface TokenErrorBody {
  error?: string;
  error_description?: string;
}

function tokenError(error: unknown, key: ServiceAccountKey): IntegrationError {
  // A network failure or timeout inside ctx.http.fetch is already an IntegrationError.
  const cause = error instanceof gaxios.GaxiosError ? error.cause : undefined;
  if (isIntegrationError(error)) return error;
  if (isIntegrationError(cause)) return cause;
  const response = error instanceof gaxios.GaxiosError ? error.response : undefined;
  const body = (response?.data ?? {}) as TokenErrorBody;
  const code = body.error ?? (response ? `http_${response.status}` : 'invalid_private_key');
  const said = body.error_description ?? (error instanceof Error ? error.message : String(error));
  const rule = tokenErrorRules.find((candidate) => candidate.pattern.test(said));
  return new IntegrationError({
    service: SERVICE,
    code,
    message: `Google refused a token for ${key.client_email} (${code}): ${said}`,
    hint: response
      ? (rule?.hint ?? TOKEN_ERROR_FALLBACK_HINT)
      : 'The private_key could not sign the request: paste the JSON key file again, unchanged.',
    ...(response ? { status: response.status } : {}),
    retryable: response ? response.status >= 500 || response.status === 429 : false,
  });
}
