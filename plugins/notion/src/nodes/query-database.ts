import { defineNode, field, z } from '@knotwork/sdk';
import { internalIntegration, oauth2 } from '../credentials.js';
import { jsonArrayField, jsonObjectField, notionIdField } from '../fields.js';
import { collectNotionPages } from '../notion-api.js';

/** "page_size … Maximum: 100" and the default. https://developers.notion.com/reference/post-database-query */
const MAX_PAGE_SIZE = 100;

const input = z.strictObject({
  database_id: notionIdField(
    'database',
    'Database',
    'The database ID, or its link copied from Notion (the ?v= view part is ignored).',
  ),
  filter: jsonObjectField(
    'Filter',
    'A Notion filter object, e.g. {"property": "Done", "checkbox": {"equals": false}}. Empty returns every page.',
  ),
  sorts: jsonArrayField(
    'Sorts',
    'Notion sort objects, e.g. [{"property": "Due", "direction": "ascending"}] or [{"timestamp": "created_time", "direction": "descending"}].',
  ),
  page_size: field(z.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE), {
    label: 'Page size',
    description: 'Results per request (at most 100); every page is read either way.',
    advanced: true,
  }),
  maxItems: field(z.number().int().min(1).max(100_000).default(1_000), {
    label: 'Maximum results',
    description:
      'Stop after this many pages of the database; hasMore says whether there were more.',
    advanced: true,
  }),
});

const page = z.looseObject({
  object: z.string(),
  id: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
  url: z.string().optional(),
});

const output = z.object({
  results: z.array(page).describe('The database entries, as Notion page objects.'),
  count: z.number().int(),
  hasMore: z.boolean().describe('True when maxItems cut the results short.'),
});

/**
 * https://developers.notion.com/reference/post-database-query
 *
 * A query changes nothing, so although it is a POST it is marked idempotent: a 5xx or a
 * conflict is retried like a GET would be.
 */
export const queryDatabase = defineNode({
  key: 'queryDatabase',
  kind: 'action',
  displayName: 'Query Database',
  description:
    'Returns the pages of a database that match a filter, in the given order, every page.',
  credentials: [internalIntegration, oauth2],
  input,
  output,
  run: async (ctx, query) => {
    const { items, hasMore } = await collectNotionPages<z.input<typeof page>>(
      ctx.http,
      {
        method: 'POST',
        url: `/databases/${query.database_id}/query`,
        json: {
          filter: query.filter,
          sorts: query.sorts,
          page_size: Math.min(query.page_size, query.maxItems + 1),
        },
        idempotent: true,
      },
      query.maxItems,
    );
    return { results: items, count: items.length, hasMore };
  },
});
