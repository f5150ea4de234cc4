import { defineNode, FieldType, field, type Logger, z } from '@knotwork/sdk';
import { type XProblem, xRequest } from '../client.js';
import { appBearerToken, oauth2 } from '../credentials.js';
import { commaList, fieldList } from '../fields.js';

/** "512 query length" on self-serve plans. https://docs.x.com/x-api/fundamentals/rate-limits */
const MAX_QUERY_LENGTH = 512;
/** Guards against a cursor that never ends; 1,000 pages of 100 is far past the default limit. */
const MAX_PAGES = 1_000;

/** X wants RFC 3339 with second precision, YYYY-MM-DDTHH:mm:ssZ. */
const timestamp = z.iso
  .datetime({ offset: true, error: 'Give a time like 2024-01-15T10:30:00Z' })
  .transform((value) => new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z'));

const input = z
  .strictObject({
    query: field(
      z
        .string()
        .trim()
        .min(1, 'Give a search query, e.g. from:XDevelopers -is:retweet')
        .max(MAX_QUERY_LENGTH, `X takes at most ${MAX_QUERY_LENGTH} characters in a query`),
      {
        field: FieldType.TEXT,
        label: 'Query',
        description:
          'X search operators, e.g. "knotwork lang:en -is:retweet" or from:XDevelopers. At most 512 characters.',
        placeholder: 'from:XDevelopers -is:retweet',
      },
    ),
    limit: field(z.number().int().min(1).max(100_000).default(1_000), {
      label: 'Limit',
      description:
        'Stop after this many posts. Every post read counts against the monthly cap of your plan.',
    }),
    max_results: field(z.number().int().min(10).max(100).default(100), {
      label: 'Posts per request',
      description: '10 to 100; fewer requests use less of the rate limit.',
      advanced: true,
    }),
    start_time: field(timestamp.optional(), {
      field: FieldType.DATETIME,
      label: 'From',
      description: 'Oldest time to include (UTC), within the last 7 days.',
    }),
    end_time: field(timestamp.optional(), {
      field: FieldType.DATETIME,
      label: 'Until',
      description: 'Newest time to include (UTC, exclusive), at least 10 seconds ago.',
    }),
    sort_order: field(z.enum(['recency', 'relevancy']).optional(), {
      label: 'Sort order',
      description: 'Newest first (recency, the default) or most relevant first.',
      advanced: true,
    }),
    tweet_fields: fieldList(
      'Post fields',
      'Extra post fields, comma-separated: created_at, author_id, public_metrics, lang, …',
      'created_at,author_id,public_metrics',
    ),
    expansions: fieldList(
      'Expansions',
      'Objects to include alongside the posts, e.g. author_id adds the authors under includes.users.',
      'author_id',
    ),
    user_fields: fieldList(
      'User fields',
      'Fields of expanded users, e.g. username,verified.',
      'username,verified',
    ),
    media_fields: fieldList('Media fields', 'Fields of expanded media, e.g. url,type.', 'url,type'),
  })
  .superRefine((search, ctx) => {
    if (search.start_time && search.end_time && search.start_time >= search.end_time) {
      for (const path of ['start_time', 'end_time']) {
        ctx.addIssue({ code: 'custom', path: [path], message: 'From must be before Until' });
      }
    }
  });

const post = z.looseObject({ id: z.string(), text: z.string() });

const output = z.object({
  tweets: z.array(post).describe('Matching posts, newest first unless sorted by relevancy.'),
  includes: z
    .record(z.string(), z.array(z.record(z.string(), z.unknown())))
    .describe('Expanded objects of every page, merged: users, tweets, media, places, polls.'),
  meta: z.object({
    result_count: z.number().int(),
    pages: z.number().int(),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    next_token: z
      .string()
      .optional()
      .describe('Set when the limit stopped the search before the last page.'),
  }),
  errors: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .describe('Partial errors X reported, e.g. an expanded post that was deleted.'),
});

type IncludeLists = Record<string, Array<Record<string, unknown>>>;

interface SearchPage {
  /** Absent when the page has no posts (the schema says minItems 1). */
  data?: Array<z.infer<typeof post>>;
  includes?: IncludeLists;
  errors?: XProblem[];
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
}

/** https://docs.x.com/x-api/posts/search-recent-posts and …/search/integrate/paginate */
export const searchRecent = defineNode({
  key: 'searchRecent',
  kind: 'action',
  displayName: 'Search Recent',
  description:
    'Finds posts from the last 7 days that match a search query, following every page up to a limit.',
  credentials: [oauth2, appBearerToken],
  input,
  output,
  run: async (ctx, search) => {
    const tweets: Array<z.infer<typeof post>> = [];
    const includes: IncludeLists = {};
    const errors: XProblem[] = [];
    let newestId: string | undefined;
    let oldestId: string | undefined;
    let nextToken: string | undefined;
    let pages = 0;
    // A hand-written loop rather than ctx.http.paginate: X leaves `data` out of a page with
    // no posts, which paginate reports as a broken response, and each page's `includes`
    // must be kept too, which paginate does not yield.
    do {
      const wanted = search.limit - tweets.length;
      const { data: page } = await xRequest<SearchPage>(ctx.http, {
        method: 'GET',
        url: '/tweets/search/recent',
        query: {
          query: search.query,
          max_results: Math.min(search.max_results, Math.max(10, wanted)),
          start_time: search.start_time,
          end_time: search.end_time,
          sort_order: search.sort_order,
          'tweet.fields': commaList(search.tweet_fields),
          expansions: commaList(search.expansions),
          'user.fields': commaList(search.user_fields),
          'media.fields': commaList(search.media_fields),
          next_token: nextToken,
        },
      });
      pages++;
      tweets.push(...(page.data ?? []).slice(0, wanted));
      mergeIncludes(includes, page.includes);
      errors.push(...(page.errors ?? []));
      newestId ??= page.meta?.newest_id;
      oldestId = page.meta?.oldest_id ?? oldestId;
      nextToken = page.meta?.next_token || undefined;
    } while (nextToken && tweets.length < search.limit && pages < MAX_PAGES);

    warnAboutPartialErrors(ctx.logger, errors);
    return {
      tweets,
      includes,
      meta: {
        result_count: tweets.length,
        pages,
        ...(newestId ? { newest_id: newestId } : {}),
        ...(oldestId ? { oldest_id: oldestId } : {}),
        ...(nextToken ? { next_token: nextToken } : {}),
      },
      ...(errors.length > 0 ? { errors: errors.map((error) => ({ ...error })) } : {}),
    };
  },
});

/** Pages repeat an author or a quoted post; each object is kept once, by id or media_key. */
function mergeIncludes(into: IncludeLists, page: IncludeLists | undefined): void {
  for (const [kind, objects] of Object.entries(page ?? {})) {
    const list = into[kind] ?? [];
    into[kind] = list;
    for (const object of objects) {
      const key = object.id ?? object.media_key;
      if (key !== undefined && list.some((seen) => (seen.id ?? seen.media_key) === key)) continue;
      list.push(object);
    }
  }
}

function warnAboutPartialErrors(logger: Logger, errors: readonly XProblem[]): void {
  if (errors.length === 0) return;
  logger.warn(`X could not return ${errors.length} expanded object(s); see errors in the output`, {
    details: errors.slice(0, 5).map((error) => error.detail ?? error.title),
  });
}
