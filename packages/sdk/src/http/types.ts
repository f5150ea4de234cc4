import type { BinaryData } from '../binary-data.js';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | ReadonlyArray<string | number>;

export interface HttpRequest {
  method?: HttpMethod;
  /** Absolute, or relative to the credential's base URL. */
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | number | boolean | undefined>;
  /** Sent as is: raw text, bytes, FormData (multipart) or a file from an earlier node. */
  body?: string | Uint8Array | FormData | URLSearchParams | BinaryData;
  /** How to read the response; `auto` picks by content type. */
  responseType?: 'auto' | 'json' | 'text' | 'binary' | 'stream';
  /** Overrides the method's idempotency, e.g. a POST search endpoint that changes nothing. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Leave the credential out (public endpoints, presigned URLs). */
  auth?: boolean;
  /** `false` to disable retries for this request. */
  retry?: boolean;
  /** Return non-2xx responses instead of throwing. */
  throwOnError?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  url: string;
  data: T;
}

/** What auth adds to a request; re-applied on every attempt so a refreshed token is used. */
export interface OutgoingRequest {
  method: HttpMethod;
  url: URL;
  headers: Headers;
}

export interface HttpAuth {
  apply(request: OutgoingRequest): void | Promise<void>;
  /** Asked once when the provider signals an expired token; true when a fresh one was obtained. */
  refresh?(): Promise<boolean>;
  /** Whether a failed response means "the token expired" for this provider. */
  signalsExpiry?(status: number, bodyText: string): boolean;
}

export type PaginationStrategy =
  | {
      /** Next page's cursor read from the body and sent back as a parameter. */
      type: 'cursor';
      itemsPath: string;
      cursorPath: string;
      cursorParam: string;
      /** Where the cursor goes: the query string (default) or the JSON body (Notion). */
      cursorIn?: 'query' | 'json';
      /** Optional flag in the body that says more pages exist (Notion: has_more). */
      hasMorePath?: string;
    }
  | {
      /** RFC 8288 Link header with rel="next" (GitHub). */
      type: 'link';
      itemsPath?: string;
    }
  | {
      /** Numbered pages; stops at an empty or short page. */
      type: 'page';
      itemsPath?: string;
      pageParam: string;
      firstPage?: number;
      pageSizeParam?: string;
      pageSize?: number;
    };

export interface PaginateOptions {
  maxPages?: number;
  maxItems?: number;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Every item of every page, lazily. */
  paginate<T = unknown>(
    request: HttpRequest,
    strategy: PaginationStrategy,
    options?: PaginateOptions,
  ): AsyncGenerator<T>;
  /**
   * A fetch with this service's policy (rate limits, retries, timeout) for SDKs that
   * accept a custom fetch. It adds no auth (the SDK signs its own requests) and returns
   * non-2xx responses instead of throwing, so the SDK sees what it expects.
   */
  fetch: typeof fetch;
}
