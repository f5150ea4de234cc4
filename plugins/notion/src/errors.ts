import type { ServicePolicy } from '@knotwork/sdk';

type ErrorHints = NonNullable<NonNullable<ServicePolicy['errors']>['hints']>;

/** Notion's #1 surprise: a valid token sees nothing until pages are shared with it. */
export const SHARE_WITH_INTEGRATION =
  "open the page or database in Notion, click ••• → Connections (Add connections), and pick your integration; sharing a page also shares the pages under it. Also check the ID is the database's or page's own (from its link), not a view's";

/**
 * Every code Notion documents in the error body's `code`, with what a person can do.
 * https://developers.notion.com/reference/status-codes
 */
export const notionErrorHints: ErrorHints = {
  invalid_json: {
    hint: 'Notion could not parse the request body: this is a bug in the Notion plugin, please report it with this message.',
  },
  invalid_request_url: {
    hint: 'Notion does not know this URL: check the base URL in the credential (https://api.notion.com/v1) and the ID in the node.',
  },
  invalid_request: {
    hint: 'Notion does not support this request (the message says which): check the node fields, for example a parent type the endpoint does not take.',
  },
  invalid_grant: {
    hint: 'The OAuth grant or refresh token is invalid, expired or revoked: reconnect the Notion OAuth credential.',
  },
  validation_error: {
    hint: 'Notion rejected a value; the message names it (body.properties.Name…, body.filter…). Property names and types must match the database\'s exactly, and values use Notion\'s shape, e.g. {"Name": {"title": [{"text": {"content": "Hi"}}]}}.',
  },
  missing_version: {
    hint: 'The Notion-Version header was missing: this is a bug in the Notion plugin or a proxy removed the header.',
  },
  unauthorized: {
    hint: "Notion rejected the token: copy the integration's Internal Integration Secret again (Settings → Connections → Develop or manage integrations), or reconnect the OAuth credential. A regenerated secret replaces the old one.",
  },
  restricted_resource: {
    hint: "The integration lacks a capability for this: in the integration's settings → Capabilities, allow Read content (Query Database), Insert content (Create Page) or Update content (Update Page).",
  },
  object_not_found: {
    hint: `Notion cannot find it, or the integration cannot see it: ${SHARE_WITH_INTEGRATION}.`,
  },
  conflict_error: {
    retryable: true,
    hint: 'Someone or something changed the page at the same moment: try again (updates are retried automatically).',
  },
  rate_limited: {
    rateLimited: true,
    hint: 'Notion is rate limiting this integration (about three requests a second on average): knotwork waits as long as Notion asks; if it keeps happening, run the workflow less often.',
  },
  // "Connections should handle HTTP 429 and 529 responses and respect the Retry-After response
  // header … A 529 response carries the "service_overload" code."
  // https://developers.notion.com/reference/request-limits
  service_overload: {
    rateLimited: true,
    hint: 'Notion is overloaded and asked clients to slow down: knotwork waits as long as Notion asks; try again later if it persists.',
  },
  internal_server_error: {
    retryable: true,
    hint: 'Notion had an unexpected error: try again; if it persists, check https://status.notion.so.',
  },
  service_unavailable: {
    retryable: true,
    hint: 'Notion is unavailable or took longer than its 60-second limit: try again later, or ask for fewer results per page.',
  },
  database_connection_unavailable: {
    retryable: true,
    hint: "Notion's database is unavailable: try again later.",
  },
  gateway_timeout: {
    retryable: true,
    hint: 'Notion timed out: try again later, or query with a narrower filter.',
  },
};

/**
 * Notion's wire behaviour for the SDK's http layer.
 *
 * "The rate limit for incoming requests per integration is an average of three requests per
 * second. Some bursts beyond the average rate are allowed." Rate-limited requests get HTTP 429,
 * code rate_limited and Retry-After in whole seconds.
 * https://developers.notion.com/reference/request-limits
 *
 * Errors: `{ "object": "error", "status": 404, "code": "object_not_found", "message": "…" }`.
 * https://developers.notion.com/reference/status-codes
 */
export const notionPolicy: ServicePolicy = {
  rateLimit: {
    rules: [{ requests: 3, perSeconds: 1 }],
    statuses: [429, 529],
    retryAfterHeaders: ['retry-after'],
  },
  errors: {
    codePath: 'code',
    messagePath: 'message',
    detailPaths: ['request_id', 'additional_data'],
    hints: notionErrorHints,
  },
};
