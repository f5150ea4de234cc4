import { createVerify, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RecordedRequest, type RunOptions } from '@knotwork/testing';

export { useClosedNetwork } from '@knotwork/testing';

export const SHEETS_ORIGIN = 'https://sheets.googleapis.com';
export const TOKEN_ORIGIN = 'https://oauth2.googleapis.com';
/** The spreadsheet of Google's own samples ("Class Data"). */
export const SPREADSHEET_ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
export const VALUES = `/v4/spreadsheets/${SPREADSHEET_ID}/values`;

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/**
 * Matches the path of a values request for `range` (googleapis puts the range in the path,
 * percent-encoded; nock would compare encodings, so both sides are decoded). Query strings
 * are checked on the recorded requests instead.
 */
export function valuesPath(range: string, suffix = ''): (path: string) => boolean {
  const wanted = `${VALUES}/${range}${suffix}`;
  return (path) => decodeURIComponent(path.split('?')[0] ?? '') === wanted;
}

/** The rows a recorded write request carried. */
export function valuesSent(request: RecordedRequest | undefined): unknown[][] {
  const body = request?.body as { values?: unknown[][] } | undefined;
  return body?.values ?? [];
}

/** The query string a recorded request carried, as an object. */
export function queryOf(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? 'https://invalid.test').searchParams);
}

export function oauthCredential(
  accessToken: string = createCanary('access-token'),
): InlineCredential {
  return {
    key: 'oauth2',
    id: randomUUID(),
    data: {
      clientId: '123456789012-abc.apps.googleusercontent.com',
      clientSecret: createCanary('client-secret'),
    },
    token: {
      accessToken,
      tokenType: 'Bearer',
      scope: 'https://www.googleapis.com/auth/spreadsheets',
    },
  };
}

// One throwaway RSA key for the whole file: generating one takes a moment. Each service
// account still differs by email and key id, so each has its own cached token.
let keyPair: { privateKey: string; publicKey: string } | undefined;
function throwawayKeyPair() {
  keyPair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return keyPair;
}

export interface TestServiceAccount {
  credential: InlineCredential;
  clientEmail: string;
  /** The JSON key file as a user pastes it. */
  keyFile: string;
  /** A stretch of the private key's body: if it shows up anywhere, the key leaked. */
  keyCanary: string;
  publicKey: string;
}

/** A service account with a freshly generated key, shaped like a downloaded JSON key file. */
export function serviceAccount(): TestServiceAccount {
  const { privateKey, publicKey } = throwawayKeyPair();
  const clientEmail = `knotwork-${randomUUID().slice(0, 8)}@knotwork-test.iam.gserviceaccount.com`;
  const keyFile = JSON.stringify({
    type: 'service_account',
    project_id: 'knotwork-test',
    private_key_id: randomUUID().replaceAll('-', ''),
    private_key: privateKey,
    client_email: clientEmail,
    client_id: '109876543210987654321',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  const body = privateKey.split('\n')[5] ?? '';
  return {
    credential: { key: 'serviceAccount', id: randomUUID(), data: { serviceAccountKey: keyFile } },
    clientEmail,
    keyFile,
    keyCanary: body,
    publicKey,
  };
}

/** Google's token endpoint answer to a JWT-bearer grant. */
export function tokenResponse(accessToken: string) {
  return { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' };
}

/** Checks a JWT-bearer assertion the way Google would: RS256 signature, then its claims. */
export function verifiedClaims(assertion: string, publicKey: string): Record<string, unknown> {
  const [header = '', payload = '', signature = ''] = assertion.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) {
    throw new Error('The assertion is not signed with the service account key');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
