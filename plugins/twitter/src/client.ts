import {
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  IntegrationError,
  isIntegrationError,
} from '@knotwork/sdk';
import { problemHints, refineXError } from './errors.js';

/** An X API v2 problem as it appears in a 200 answer's `errors` array (partial errors). */
export interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  value?: string;
  parameter?: string;
  resource_type?: string;
  resource_id?: string;
}

/** ctx.http.request, with X's error codes shortened and its about:blank 403s told apart. */
export async function xRequest<T>(
  http: HttpClient,
  request: HttpRequest,
): Promise<HttpResponse<T>> {
  try {
    return await http.request<T>(request);
  } catch (error) {
    throw isIntegrationError(error) ? refineXError(error) : error;
  }
}

/**
 * A lookup that found nothing still answers 200, with the reason in `errors` and no
 * `data`: {"errors":[{"detail":"Could not find user with username: [x].","title":"Not
 * Found Error","type":"https://api.twitter.com/2/problems/resource-not-found",…}]}.
 */
export function partialError(problem: XProblem | undefined, what: string): IntegrationError {
  const code = problem?.type?.split('/').pop() ?? 'no-data';
  const detail = problem?.detail ?? problem?.title ?? `X returned no ${what}`;
  return refineXError(
    new IntegrationError({
      service: 'twitter',
      code,
      message: `twitter answered 200 (${code}): ${detail}`,
      hint:
        problemHints[code]?.hint ??
        `X returned no ${what} and no reason: check the input and try again.`,
      status: 200,
      details: { ...problem },
    }),
  );
}
