import type { ServicePolicy } from '@knotwork/sdk';

/** What a person can do about one kind of GitHub failure, under a stable error code. */
export interface GitHubErrorExplanation {
  code: string;
  hint: string;
  retryable?: boolean;
}

/**
 * GitHub's REST errors carry no machine code, only `message` and, for 422, an `errors` list of
 * `{ resource, field, code, message }`. So the plugin names each failure itself: first by the
 * message GitHub sends (a rule below), else by the HTTP status.
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
export interface GitHubMessageRule extends GitHubErrorExplanation {
  statuses: readonly number[];
  /** Matched against the top-level message and each `errors[]` entry ("PullRequest.head invalid" or its own message). */
  pattern: RegExp;
}

const CLASSIC_SCOPE_ADVICE =
  'a classic token needs the repo scope (public_repo is enough for public repositories)';
const FINE_GRAINED_ADVICE =
  'a fine-grained token must include this repository and have Issues: Read and write (Create Issue) or Pull requests: Read and write (Create Pull Request)';

export const githubMessageRules: readonly GitHubMessageRule[] = [
  {
    // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
    statuses: [403, 429],
    pattern: /secondary rate limit/i,
    code: 'secondary_rate_limited',
    retryable: true,
    hint: "GitHub's secondary rate limit stopped the request (too many requests at once, or more than about 80 content-creating requests a minute). GitHub did not say how long to wait: wait at least a minute before running again, and create issues or pull requests one at a time.",
  },
  {
    statuses: [403, 429],
    pattern: /API rate limit exceeded/i,
    code: 'rate_limited',
    retryable: true,
    hint: 'The token used up its hourly request budget (5,000 requests an hour for a user token, shared by every app acting for that user). It resets at x-ratelimit-reset; retryAfterSeconds says how long that is. Run the workflow less often or spread it over the hour.',
  },
  {
    // "Resource protected by organization SAML enforcement. You must grant your Personal Access
    // token access to this organization." https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api#personal-access-tokens-and-saml-sso
    statuses: [403],
    pattern: /SAML enforcement/i,
    code: 'saml_sso_required',
    hint: 'The organization requires SAML single sign-on and the token is not authorized for it. For a classic token: github.com/settings/tokens → Configure SSO → Authorize next to the organization. For OAuth: sign in to the organization with SSO, then reconnect the credential.',
  },
  {
    // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-not-accessible
    statuses: [403],
    pattern: /Resource not accessible by personal access token/i,
    code: 'missing_permission',
    hint: `The fine-grained token lacks a permission: ${FINE_GRAINED_ADVICE}. Edit it under Settings → Developer settings → Fine-grained tokens (the resource owner must be the repository's owner).`,
  },
  {
    statuses: [403],
    pattern: /Resource not accessible by integration/i,
    code: 'missing_permission',
    hint: 'The GitHub App behind this token lacks a permission or access to this repository: give the app Issues or Pull requests: Read and write, install it on the repository, and accept the updated permissions.',
  },
  {
    // 410 "Issues are disabled for this repo". https://docs.github.com/en/rest/issues/issues#create-an-issue
    statuses: [410],
    pattern: /Issues are disabled/i,
    code: 'issues_disabled',
    hint: "Issues are turned off for this repository: turn them on under the repository's Settings → General → Features → Issues, or file the issue somewhere else.",
  },
  {
    // errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for octocat:new-topic.' }]
    statuses: [422],
    pattern: /A pull request already exists/i,
    code: 'pull_request_exists',
    hint: 'An open pull request from this head branch into this base already exists: push to the branch to update it, or close it first. Turn on continue-on-fail if repeats are expected.',
  },
  {
    // errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and new-topic' }]
    statuses: [422],
    pattern: /No commits between/i,
    code: 'no_commits_between',
    hint: 'The head branch has no commits that the base branch lacks, so there is nothing to review: push commits to the head branch first, and check head and base are not swapped.',
  },
  {
    statuses: [422],
    pattern: /PullRequest\.head invalid/i,
    code: 'invalid_head',
    hint: 'GitHub does not know the head branch: push it first and check its spelling; for a branch in a fork write owner:branch.',
  },
  {
    statuses: [422],
    pattern: /PullRequest\.base invalid/i,
    code: 'invalid_base',
    hint: 'The base branch does not exist in this repository: use an existing branch such as main.',
  },
  {
    statuses: [422],
    pattern: /Issue\.assignees invalid/i,
    code: 'invalid_assignee',
    hint: 'An assignee cannot be assigned here: give GitHub logins of people with access to the repository (collaborators, or members of its organization).',
  },
];

/** Failures GitHub reports by status alone. */
export const githubStatusErrors: Readonly<Record<number, GitHubErrorExplanation>> = {
  400: {
    code: 'bad_request',
    hint: 'GitHub could not read the request ("Problems parsing JSON" or an unsupported API version): check a proxy in front of GitHub is not changing it, else report it as a bug in the GitHub plugin.',
  },
  401: {
    code: 'bad_credentials',
    hint: 'GitHub rejected the token ("Bad credentials"): it is mistyped, expired or revoked. Create a new token and save it in the credential, or reconnect the OAuth credential. For GitHub Enterprise Server check the base URL points at that server.',
  },
  403: {
    code: 'forbidden',
    hint: `The token may not do this: ${CLASSIC_SCOPE_ADVICE}; ${FINE_GRAINED_ADVICE}. An organization may also block OAuth apps or tokens until an owner approves them.`,
  },
  404: {
    code: 'not_found',
    hint: `Either the repository (or user, or organization) does not exist, or the token cannot see it: GitHub answers 404 rather than 403 for private repositories a token has no access to. Check the owner and repo spelling, then check the token: ${CLASSIC_SCOPE_ADVICE}; a fine-grained token must list this repository.`,
  },
  409: {
    code: 'conflict',
    hint: "GitHub refused because of the repository's current state (for example an empty repository, or one being moved): check it on github.com and try again.",
  },
  410: {
    code: 'gone',
    hint: 'GitHub has turned this feature off for the repository (for example issues are disabled): turn it on in the repository settings.',
  },
  422: {
    code: 'validation_failed',
    hint: 'GitHub rejected a field value: details.errors names the resource, field and problem (missing_field, invalid, already_exists). Check those node fields.',
  },
};

/** When the SDK gave up on a rate limit and no message rule named it more precisely. */
export const githubRateLimitExplanation: GitHubErrorExplanation = {
  code: 'rate_limited',
  retryable: true,
  hint: 'GitHub is rate limiting this token: wait until retryAfterSeconds has passed (at least a minute if it is not set), then run again less often.',
};

/**
 * GitHub's wire behaviour for the SDK's http layer.
 *
 * Rate limits (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api):
 * - primary: 403 or 429 with `x-ratelimit-remaining: 0`; do not retry before `x-ratelimit-reset`
 *   (UTC epoch seconds). The reset header counts only when remaining reads 0, because every
 *   response carries it.
 * - secondary: 403 or 429 with a message saying so, and `retry-after` (seconds) when GitHub
 *   gives one. A 403 without either header is a permission problem, not a rate limit, which is
 *   the SDK's rule: a status other than 429 counts as rate limiting only with a wait signal.
 * - "If you are making a large number of POST, PATCH, PUT, or DELETE requests, wait at least
 *   one second between each request" and secondary limits allow "no more than 900 points per
 *   minute" for REST endpoints (1 point per GET):
 *   https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 *
 * Retries: POST /issues and POST /pulls take no idempotency key, so a 5xx or a timeout after the
 * request left is not repeated (a retry could open a duplicate); GETs are.
 */
export const githubPolicy: ServicePolicy = {
  rateLimit: {
    rules: [
      { method: 'POST', requests: 1, perSeconds: 1 },
      { requests: 900, perSeconds: 60 },
    ],
    statuses: [403, 429],
    retryAfterHeaders: ['retry-after'],
    resetHeaders: [
      {
        header: 'x-ratelimit-reset',
        format: 'epoch-seconds',
        remainingHeader: 'x-ratelimit-remaining',
      },
    ],
  },
  errors: {
    messagePath: 'message',
    // 422 bodies list what failed: [{ resource, field, code, message? }].
    detailPaths: ['errors', 'documentation_url'],
    statusHints: Object.fromEntries(
      Object.entries(githubStatusErrors).map(([status, { hint }]) => [status, { hint }]),
    ),
  },
};
