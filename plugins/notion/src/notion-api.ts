import {
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  IntegrationError,
  isIntegrationError,
} from '@knotwork/sdk';
import { NOTION_API_HEADERS } from './notion-urls.js';

export interface NotionCallOptions {
  /**
   * What a POST creates ("the page"): a create is not repeated after a 5xx or a timeout, so the
   * hint says to look before running again.
   */
  creates?: string;
}

/** One Notion call with the Notion-Version header. */
export async function callNotion<T>(
  http: HttpClient,
  request: HttpRequest,
  options: NotionCallOptions = {},
): Promise<HttpResponse<T>> {
  try {
    return await http.request<T>(withNotionHeaders(request));
  } catch (error) {
    throw options.creates ? mayHaveCreated(error, options.creates) : error;
  }
}

/**
 * Every item of a paginated POST endpoint. Notion returns `has_more` and `next_cursor`, and takes
 * the cursor back as `start_cursor` in the JSON body of the next request.
 * https://developers.notion.com/reference/intro#pagination
 * One item more than `limit` is read to tell whether the limit cut the list short.
 */
export async function collectNotionPages<T>(
  http: HttpClient,
  request: HttpRequest,
  limit: number,
): Promise<{ items: T[]; hasMore: boolean }> {
  const items: T[] = [];
  for await (const item of http.paginate<T>(
    withNotionHeaders(request),
    {
      type: 'cursor',
      cursorIn: 'json',
      cursorParam: 'start_cursor',
      cursorPath: 'next_cursor',
      hasMorePath: 'has_more',
      itemsPath: 'results',
    },
    { maxItems: limit + 1 },
  )) {
    items.push(item);
  }
  return { items: items.slice(0, limit), hasMore: items.length > limit };
}

function withNotionHeaders(request: HttpRequest): HttpRequest {
  return { ...request, headers: { ...NOTION_API_HEADERS, ...request.headers } };
}

function mayHaveCreated(error: unknown, what: string): unknown {
  if (!isIntegrationError(error)) return error;
  const unsure =
    (error.status !== undefined && error.status >= 500 && error.status !== 529) ||
    error.code === 'timeout' ||
    error.code === 'network_error';
  if (!unsure) return error;
  return new IntegrationError({
    service: error.service,
    code: error.code,
    message: error.message,
    hint: `${error.hint} Notion may have created ${what} before failing, and knotwork does not repeat it on its own: look in Notion before running again.`,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}
