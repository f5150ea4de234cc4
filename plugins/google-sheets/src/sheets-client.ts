import { sheets, type sheets_v4 } from '@googleapis/sheets';
import {
  getPath,
  type IntegrationError,
  invalidFieldsError,
  isIntegrationError,
  type NodeContext,
  providerWaitMs,
  resolveServicePolicy,
  toIntegrationError,
} from '@knotwork/sdk';
import { gaxios } from 'google-auth-library';
import type { SheetsCredential } from './credentials.js';
import { refineSheetsError, SERVICE, sheetsPolicy } from './errors.js';
import { parseServiceAccountKey, serviceAccountToken } from './service-account.js';
import { SHEETS_API_URL } from './urls.js';

const policy = resolveServicePolicy(sheetsPolicy);

/**
 * The Sheets API client of @googleapis/sheets, with every request sent through ctx.http's
 * fetch (rate limits, retries, timeouts, cancellation) and gaxios' own retries off, so
 * knotwork's one policy rules. ctx.http.fetch adds no auth, so the access token goes in as
 * a default header.
 * https://github.com/googleapis/gaxios#request-options (fetchImplementation, retry)
 */
export async function sheetsApi(ctx: NodeContext<SheetsCredential>): Promise<sheets_v4.Sheets> {
  const accessToken = await accessTokenFor(ctx);
  const root = (ctx.credential.data.baseUrl ?? SHEETS_API_URL).replace(/\/+$/, '');
  return sheets({
    version: 'v4',
    rootUrl: `${root}/`,
    fetchImplementation: ctx.http.fetch,
    retry: false,
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

async function accessTokenFor(ctx: NodeContext<SheetsCredential>): Promise<string> {
  if (ctx.credential.key === 'oauth2') {
    // The host refuses an oauth2 credential without a token before the node runs.
    return ctx.credential.token?.accessToken ?? '';
  }
  const parsed = parseServiceAccountKey(ctx.credential.data.serviceAccountKey);
  // The credential's schema already checked the key; this only narrows the type.
  if ('problem' in parsed) {
    throw invalidFieldsError(SERVICE, 'Credential', [
      { path: 'credential.serviceAccountKey', message: parsed.problem },
    ]);
  }
  ctx.addSecret(parsed.key.private_key);
  const token = await serviceAccountToken(parsed.key, ctx.http.fetch);
  ctx.addSecret(token);
  return token;
}

/**
 * Runs one Sheets API call and turns gaxios' error into knotwork's IntegrationError with
 * the plugin's policy: ctx.http.fetch hands non-2xx answers back as they are, so the
 * mapping happens here, with the same data (codes, hints, rate-limit patterns).
 */
export async function callSheets<T>(call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    throw toSheetsError(error);
  }
}

function toSheetsError(error: unknown): unknown {
  if (isIntegrationError(error)) return error;
  if (!(error instanceof gaxios.GaxiosError)) return error;
  // A timeout, cancellation or network failure inside ctx.http.fetch, already mapped.
  if (isIntegrationError(error.cause)) return error.cause;
  const response = error.response;
  if (!response) return error;
  const body: unknown = response.data;
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  const code = getPath(body, 'error.status');
  const known = typeof code === 'string' ? policy.errors.hints[code] : undefined;
  const rateLimited =
    (policy.rateLimit.statuses.includes(response.status) && response.status === 429) ||
    known?.rateLimited === true ||
    policy.rateLimit.bodyPatterns.some((pattern) => new RegExp(pattern, 'i').test(bodyText));
  const retryAfterMs = providerWaitMs(response.headers, body, policy.rateLimit, getPath);
  const mapped: IntegrationError = toIntegrationError(
    SERVICE,
    {
      status: response.status,
      body,
      headers: response.headers,
      rateLimited,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
    policy.errors,
  );
  return refineSheetsError(mapped);
}
