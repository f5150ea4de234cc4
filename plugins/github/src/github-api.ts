import {
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  IntegrationError,
  isIntegrationError,
} from '@knotwork/sdk';
import {
  type GitHubErrorExplanation,
  githubMessageRules,
  githubRateLimitExplanation,
  githubStatusErrors,
} from './errors.js';
import { GITHUB_API_HEADERS } from './github-urls.js';

export interface GitHubCallOptions {
  /**
   * What a POST creates ("the issue"): when GitHub fails after receiving it, the hint says to
   * look before running again, because the request is not repeated and may have gone through.
   */
  creates?: string;
}

/** One GitHub REST call with the pinned headers, its failure named and explained. */
export async function callGitHub<T>(
  http: HttpClient,
  request: HttpRequest,
  options: GitHubCallOptions = {},
): Promise<HttpResponse<T>> {
  try {
    return await http.request<T>(withGitHubHeaders(request));
  } catch (error) {
    throw explainGitHubError(error, options);
  }
}

/**
 * Every item of a list endpoint, following the Link header's rel="next" as GitHub asks ("use
 * the link headers to determine what pages of results you can request"), up to `limit` items.
 * One item more is read to tell whether the limit cut the list short.
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export async function collectGitHubPages<T>(
  http: HttpClient,
  request: HttpRequest,
  limit: number,
): Promise<{ items: T[]; hasMore: boolean }> {
  const items: T[] = [];
  try {
    for await (const item of http.paginate<T>(
      withGitHubHeaders(request),
      { type: 'link' },
      { maxItems: limit + 1 },
    )) {
      items.push(item);
    }
  } catch (error) {
    throw explainGitHubError(error);
  }
  return { items: items.slice(0, limit), hasMore: items.length > limit };
}

function withGitHubHeaders(request: HttpRequest): HttpRequest {
  return { ...request, headers: { ...GITHUB_API_HEADERS, ...request.headers } };
}

interface GitHubValidationError {
  resource?: unknown;
  field?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Gives a GitHub failure its own code and hint. The SDK maps the status and copies `message`,
 * `errors` and `documentation_url`; GitHub has no error codes, so the plugin reads them here.
 */
export function explainGitHubError(error: unknown, options: GitHubCallOptions = {}): unknown {
  if (!isIntegrationError(error) || error.service !== 'github') return error;
  if (error.status === undefined) return mayHaveCreated(error, options);
  const providerMessage = stringDetail(error.details?.providerMessage);
  const problems = validationProblems(error.details?.errors);
  const texts = [providerMessage ?? '', ...problems];
  const rule = githubMessageRules.find(
    (candidate) =>
      candidate.statuses.includes(error.status ?? 0) &&
      texts.some((text) => candidate.pattern.test(text)),
  );
  const explanation: GitHubErrorExplanation | undefined =
    rule ??
    (error.code === 'rate_limited' ? githubRateLimitExplanation : undefined) ??
    githubStatusErrors[error.status];
  const said = [providerMessage, ...problems].filter(Boolean).join(': ');
  const message = `github answered ${error.status}${explanation ? ` (${explanation.code})` : ''}${
    said ? `: ${said}` : ''
  }`;
  const explained = new IntegrationError({
    service: error.service,
    code: explanation?.code ?? error.code,
    message,
    hint: explanation?.hint ?? error.hint,
    status: error.status,
    retryable: error.retryable || explanation?.retryable === true,
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
  return error.status >= 500 ? mayHaveCreated(explained, options) : explained;
}

/** "PullRequest.head invalid", or GitHub's own words for a `custom` problem. */
function validationProblems(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((entry: GitHubValidationError | string) => {
    if (typeof entry === 'string') return entry;
    const message = stringDetail(entry.message);
    if (message) return message;
    const where = [entry.resource, entry.field].filter((part) => typeof part === 'string');
    return `${where.join('.')} ${stringDetail(entry.code) ?? 'invalid'}`.trim();
  });
}

/** A POST that failed after it was sent is not retried: tell the person to look first. */
function mayHaveCreated(error: IntegrationError, options: GitHubCallOptions): IntegrationError {
  const unsure =
    (error.status !== undefined && error.status >= 500) ||
    error.code === 'timeout' ||
    error.code === 'network_error';
  if (!options.creates || !unsure) return error;
  return new IntegrationError({
    service: error.service,
    code: error.code,
    message: error.message,
    hint: `${error.hint} GitHub may have created ${options.creates} before failing, and knotwork does not repeat it on its own: look in the repository before running again.`,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}

function stringDetail(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
