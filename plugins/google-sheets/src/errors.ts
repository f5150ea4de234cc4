import { IntegrationError, type ServicePolicy } from '@knotwork/sdk';

type ErrorPolicy = NonNullable<ServicePolicy['errors']>;
type ErrorHint = NonNullable<ErrorPolicy['hints']>[string];

export const SERVICE = 'google-sheets';

const A1_HELP =
  "Write the range in A1 notation: Sheet1!A1:D10, Sheet1!A:D (whole columns) or just Sheet1; put a sheet name with spaces or punctuation in single quotes ('Q1 Sales'!A1:D), and check the sheet (tab) exists.";

/**
 * Google's canonical error codes, as the Sheets API sends them in `error.status`:
 * {"error": {"code": 403, "message": "…", "status": "PERMISSION_DENIED", "details": […]}}.
 * https://cloud.google.com/apis/design/errors and https://developers.google.com/sheets/api/troubleshoot-api-errors
 */
export const statusHints: Record<string, ErrorHint> = {
  INVALID_ARGUMENT: {
    hint: `Google rejected the request; the message says what (e.g. "Unable to parse range"). ${A1_HELP} For update, a range smaller than the rows fails: give its top-left cell (Sheet1!A2).`,
  },
  FAILED_PRECONDITION: {
    hint: 'The file is not a Google Sheets spreadsheet (an uploaded .xlsx or .csv): open it and use File → Save as Google Sheets, then use the new id.',
  },
  PERMISSION_DENIED: {
    hint: "The credential cannot open this spreadsheet. For a service account, share the spreadsheet with the service account's client_email (Editor to write, Viewer to read). For OAuth, the signed-in user needs access, and the credential must be connected with the spreadsheets scope.",
  },
  NOT_FOUND: {
    hint: 'Google has no spreadsheet with this id: copy the id again from the URL (between /d/ and /edit), or paste the whole URL.',
  },
  UNAUTHENTICATED: {
    hint: 'Google rejected the access token. OAuth: reconnect the credential. Service account: paste the JSON key again; it may have been deleted or disabled.',
  },
  RESOURCE_EXHAUSTED: {
    rateLimited: true,
    hint: 'The Sheets API quota is spent (60 reads and 60 writes per minute per user, 300 per project): knotwork waited and retried; run the workflow less often, or write more rows per run.',
  },
  ABORTED: {
    retryable: true,
    hint: 'Another change to the spreadsheet collided with this one: try again.',
  },
  INTERNAL: {
    retryable: true,
    hint: 'Google had an internal error: try again; reads are retried automatically, writes are not (they may have been applied).',
  },
  UNAVAILABLE: {
    retryable: true,
    hint: 'The Sheets API is unavailable for a moment: try again shortly.',
  },
  DEADLINE_EXCEEDED: {
    retryable: true,
    hint: 'Google took longer than its 180-second limit: read or write a smaller range.',
  },
};

/**
 * Several failures share one status and differ in the ErrorInfo `reason` of `error.details`
 * (a 403 PERMISSION_DENIED can be a missing share, a missing scope, or the API switched
 * off in the Cloud project). These give each its own code and hint.
 * https://cloud.google.com/apis/design/errors#error_info
 */
export const reasonHints: Record<string, string> = {
  SERVICE_DISABLED:
    "The Google Sheets API is switched off in the credential's Google Cloud project: enable it (APIs & Services → Library → Google Sheets API; the message has the link), wait a few minutes and try again.",
  ACCESS_TOKEN_SCOPE_INSUFFICIENT:
    'The token lacks the spreadsheets scope: reconnect the OAuth credential and allow access to Google Sheets.',
  ACCESS_TOKEN_EXPIRED: 'The access token expired: reconnect the OAuth credential.',
};

/** The token endpoint's answers to a service account's JWT (RFC 6749 §5.2), by what they mean. */
export const tokenErrorRules: Array<{ pattern: RegExp; hint: string }> = [
  {
    pattern: /invalid jwt signature/i,
    hint: 'Google does not recognise the key: it was deleted or disabled in the Cloud console, or the private_key was changed. Create a new JSON key for the service account (IAM → Service accounts → Keys) and paste it.',
  },
  {
    pattern: /account not found|no such account|client.*not found/i,
    hint: 'The service account no longer exists: create one (or restore it within 30 days of deletion) and paste a new JSON key.',
  },
  {
    pattern: /short-lived token|\biat\b|\bexp\b|clock/i,
    hint: "This machine's clock is wrong: Google accepts a signed JWT only within minutes of its own time. Sync the clock (NTP) and try again.",
  },
];

export const TOKEN_ERROR_FALLBACK_HINT =
  "Google refused the service account's key: paste the JSON key again, and check that the service account and its key are enabled in the Cloud console.";

/**
 * The Sheets API's wire behaviour for the SDK's http layer.
 *
 * Quotas: 300 read and 300 write requests per minute per project, 60 of each per minute per
 * user; they refill every minute, and Google asks for exponential backoff on a 429.
 * https://developers.google.com/workspace/sheets/api/limits
 */
export const sheetsPolicy: ServicePolicy = {
  rateLimit: {
    // One credential is one user (or one service account) of one project: 60 a minute.
    rules: [
      { pathPrefix: '/v4/spreadsheets', method: 'GET', requests: 60, perSeconds: 60 },
      { pathPrefix: '/v4/spreadsheets', method: 'POST', requests: 60, perSeconds: 60 },
      { pathPrefix: '/v4/spreadsheets', method: 'PUT', requests: 60, perSeconds: 60 },
    ],
    statuses: [429],
    // A 429 carries no Retry-After; its text names the quota, and the older Drive-style
    // errors say "User-rate limit exceeded" (even with a 403).
    bodyPatterns: ['Quota exceeded', 'User-rate limit exceeded', 'Rate Limit Exceeded'],
  },
  // Without a Retry-After the wait is exponential with full jitter: up to 5, 10, 20, 40
  // and 65 s, about 70 s in all on average, so a per-minute quota has refilled.
  retry: { maxAttempts: 6, baseDelayMs: 5_000, maxDelayMs: 65_000 },
  errors: {
    codePath: 'error.status',
    messagePath: 'error.message',
    detailPaths: ['error.details'],
    hints: statusHints,
  },
  // "When Sheets processes a request for more than 180 seconds, the request returns a
  // timeout error": a large write may legitimately take that long.
  timeoutMs: 180_000,
};

interface GoogleErrorDetail {
  '@type'?: string;
  reason?: string;
}

/** Gives a Google error the ErrorInfo reason as its code when that says more than the status. */
export function refineSheetsError(error: IntegrationError): IntegrationError {
  const details = error.details?.['error.details'];
  const reason = Array.isArray(details)
    ? (details as GoogleErrorDetail[]).find((detail) => detail.reason && reasonHints[detail.reason])
        ?.reason
    : undefined;
  if (!reason || reason === error.code) return error;
  return new IntegrationError({
    service: error.service,
    code: reason,
    message: error.message.replace(`(${error.code})`, `(${reason})`),
    hint: reasonHints[reason] ?? error.hint,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
  });
}
