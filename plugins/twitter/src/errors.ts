import { IntegrationError, type ServicePolicy } from '@knotwork/sdk';

type ErrorPolicy = NonNullable<ServicePolicy['errors']>;
type ErrorHint = NonNullable<ErrorPolicy['hints']>[string];

/**
 * X names each problem with a URL in `type`. Older answers and the OpenAPI spec use
 * api.twitter.com, newer ones api.x.com (e.g. oauth1-permissions), so both are listed.
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
const PROBLEM_TYPE_PREFIXES = [
  'https://api.x.com/2/problems/',
  'https://api.twitter.com/2/problems/',
] as const;

const RECONNECT_WITH_WRITE =
  "In the developer portal, open the app's User authentication settings, set App permissions to Read and write, then reconnect the credential: a token keeps the permissions it was issued with.";

/** The problem types of X API v2 (the last part of `type`), with what a person can do. */
export const problemHints: Record<string, ErrorHint> = {
  'invalid-request': {
    hint: 'X rejected a field value; the message names the parameter. Check the node fields (a search query is at most 512 characters, max_results 10-100, times in the last 7 days).',
  },
  'client-forbidden': {
    hint: 'X does not let this app call the endpoint: the app must belong to a Project in the developer portal, and the access level (Free, Basic, Pro, pay-per-use) must include this endpoint. Check the plan under Products in the developer portal.',
  },
  'oauth1-permissions': { hint: RECONNECT_WITH_WRITE },
  'unsupported-authentication': {
    hint: 'This endpoint needs a user: an app bearer token (app-only) cannot post. Use a twitter.oauth2 credential connected with the tweet.write scope.',
  },
  'usage-capped': {
    hint: "The Project reached its monthly post cap (posts read or written count). Wait for the cap to reset (the developer portal's dashboard shows the date) or move to a higher plan.",
  },
  'rate-limit-exceeded': {
    hint: 'X is rate limiting this credential: knotwork waited until the reset time X gave; run the workflow less often.',
  },
  'resource-not-found': {
    hint: 'X has no such post or user (deleted, suspended, or a typo): check the id or username.',
  },
  'not-authorized-for-resource': {
    hint: 'The post or user is protected or blocks this account: only approved followers can see it.',
  },
  'not-authorized-for-field': {
    hint: 'A requested field needs more access (private metrics need user context on your own posts): remove it from the fields list.',
  },
  'resource-unavailable': {
    hint: 'X cannot serve this resource right now (e.g. a suspended account): try again later or remove it.',
  },
  'disallowed-resource': {
    hint: 'X does not serve this resource through the API: remove it from the request.',
  },
};

/**
 * Many different 403s share `type: about:blank` and `title: Forbidden`; only `detail` tells
 * them apart. These patterns give them their own code and hint.
 */
export const detailRules: Array<{ pattern: RegExp; code: string; hint: string }> = [
  {
    // Observed: 403 {"detail":"You are not allowed to create a Tweet with duplicate content.",
    // "type":"about:blank","title":"Forbidden","status":403}
    pattern: /duplicate content/i,
    code: 'duplicate-content',
    hint: 'X refuses a post whose text matches a recent post of this account: change the text (a time stamp or counter is enough).',
  },
  {
    pattern: /not permitted to perform this action/i,
    code: 'not-permitted',
    // Observed for posts over 280 characters from accounts without Premium, for apps whose
    // plan lacks the endpoint, and for restricted accounts.
    hint: 'X refused the action for this account or app: a post over 280 characters needs X Premium; otherwise check that the account is not locked or restricted, that the app has Read and write permission (then reconnect), and that your plan includes this endpoint.',
  },
  {
    // Observed with a read-only app: "Your client app is not configured with the appropriate
    // oauth1 app permissions for this endpoint."
    pattern: /oauth1 app permissions/i,
    code: 'oauth1-permissions',
    hint: RECONNECT_WITH_WRITE,
  },
];

/** Hints by HTTP status, used when the body has only `about:blank`. */
const statusHints: ErrorPolicy['statusHints'] = {
  '400': { hint: 'X rejected the request: check the node fields named in the message.' },
  '401': {
    hint: 'X rejected the token. OAuth: reconnect the credential (access tokens last 2 hours and are refreshed only when offline.access was granted). App bearer token: copy it again from the developer portal; regenerating it there invalidates the old one.',
  },
  '402': {
    hint: 'The developer account has no API credits left (pay-per-use): add credits or change the plan in the developer portal.',
  },
  '403': {
    hint: 'X understood the request but refused it: check the app permissions (Read and write, then reconnect), the access level of your plan, and that the app belongs to a Project.',
  },
  '404': { hint: 'X found nothing there: check the id or username.' },
  '429': {
    hint: 'X is rate limiting this credential (per 15 minutes, and for posts also per 24 hours): knotwork waited until the reset time when X gave one; run the workflow less often.',
  },
  '503': {
    retryable: true,
    hint: 'X is over capacity: try again shortly (https://docs.x.com/status).',
  },
};

function hintsForEveryHost(hints: Record<string, ErrorHint>): Record<string, ErrorHint> {
  return Object.fromEntries(
    PROBLEM_TYPE_PREFIXES.flatMap((prefix) =>
      Object.entries(hints).map(([slug, hint]) => [`${prefix}${slug}`, hint]),
    ),
  );
}

/**
 * X API v2's wire behaviour for the SDK's http layer.
 *
 * Rate limits are per endpoint, per 15 minutes (per app with a bearer token, per user with
 * OAuth), and POST /2/tweets also has 24-hour caps. The rules below are the documented
 * limits of the self-serve tiers where they are lowest between app and user; a plan with
 * less headroom is still steered by X's own headers.
 * https://docs.x.com/x-api/fundamentals/rate-limits
 */
export const xPolicy: ServicePolicy = {
  rateLimit: {
    rules: [
      // Recent search: 450/15 min per app, 300/15 min per user.
      { pathPrefix: '/tweets/search/recent', requests: 300, perSeconds: 900 },
      // Create post: 100/15 min per user (10,000/24 h per app).
      { pathPrefix: '/tweets', method: 'POST', requests: 100, perSeconds: 900 },
      // User lookup by username or id: 300/15 min per app, 900 per user; /users/me 75 per user.
      { pathPrefix: '/users/me', requests: 75, perSeconds: 900 },
      { pathPrefix: '/users/', requests: 300, perSeconds: 900 },
    ],
    statuses: [429],
    // A 429 says when the window ends in epoch seconds; only the header whose remaining
    // count is 0 is the limit that refused. The 24-hour post caps come first because they
    // outlast the 15-minute window when both are spent.
    resetHeaders: [
      {
        header: 'x-user-limit-24hour-reset',
        format: 'epoch-seconds',
        remainingHeader: 'x-user-limit-24hour-remaining',
      },
      {
        header: 'x-app-limit-24hour-reset',
        format: 'epoch-seconds',
        remainingHeader: 'x-app-limit-24hour-remaining',
      },
      {
        header: 'x-rate-limit-reset',
        format: 'epoch-seconds',
        remainingHeader: 'x-rate-limit-remaining',
      },
    ],
  },
  errors: {
    // Problem details (RFC 7807): {"title","detail","type","status"}; invalid-request adds
    // {"errors":[{"message","parameters"}]}, whose first message names the bad parameter.
    codePath: 'type',
    messagePath: 'errors.0.message',
    detailPaths: ['title', 'detail', 'reason', 'errors', 'registration_url'],
    hints: hintsForEveryHost(problemHints),
    statusHints,
  },
};

/**
 * Gives an X error a short, stable code: the problem type's last segment
 * (`usage-capped`), a code from `detailRules` for the 403s that share `about:blank`
 * (`duplicate-content`), or the title made into a code (`unauthorized`).
 */
export function refineXError(error: IntegrationError): IntegrationError {
  const prefix = PROBLEM_TYPE_PREFIXES.find((candidate) => error.code.startsWith(candidate));
  let code = prefix ? error.code.slice(prefix.length) : error.code;
  let hint = error.hint;
  const detail = error.details?.detail ?? error.details?.providerMessage;
  const rule =
    typeof detail === 'string' ? detailRules.find((each) => each.pattern.test(detail)) : undefined;
  if (rule) {
    code = rule.code;
    hint = rule.hint;
  } else if (code === 'about:blank') {
    const title = error.details?.title;
    code = typeof title === 'string' ? codeFromTitle(title) : `http_${error.status ?? 'error'}`;
  }
  if (code === error.code && hint === error.hint) return error;
  return new IntegrationError({
    service: error.service,
    code,
    message: error.message.replace(error.code, code),
    hint,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}

/** "Too Many Requests" -> "too-many-requests". */
function codeFromTitle(title: string): string {
  return (
    title
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'error'
  );
}
