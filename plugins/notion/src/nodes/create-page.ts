import { defineNode, invalidFieldsError, z } from '@knotwork/sdk';
import { internalIntegration, oauth2 } from '../credentials.js';
import {
  coverField,
  iconField,
  jsonArrayField,
  notionIdField,
  propertiesField,
} from '../fields.js';
import { callNotion } from '../notion-api.js';

/**
 * "Any array of all block types, including rich text objects: 100 elements" per request.
 * https://developers.notion.com/reference/request-limits#limits-for-property-values
 */
const MAX_CHILDREN = 100;

const input = z.strictObject({
  database_id: notionIdField(
    'database',
    'Parent database',
    'Create the page as an entry of this database (its ID or link). Give this or a parent page.',
  ).optional(),
  page_id: notionIdField(
    'page',
    'Parent page',
    'Create the page inside this page (its ID or link). Give this or a parent database.',
  ).optional(),
  properties: propertiesField(
    'Property values in Notion\'s shape, keyed by property name, e.g. {"Name": {"title": [{"text": {"content": "Tuscan kale"}}]}, "Price": {"number": 2.5}}. Under a page, only "title" is allowed.',
  ),
  children: jsonArrayField(
    'Content blocks',
    'Block objects for the page body, e.g. [{"object": "block", "type": "paragraph", "paragraph": {"rich_text": [{"text": {"content": "Hello"}}]}}]. At most 100.',
    {
      max: MAX_CHILDREN,
      message: `Notion takes at most ${MAX_CHILDREN} blocks per request: send fewer, or create the page and add the rest in later steps`,
    },
  ),
  icon: iconField,
  cover: coverField,
});

const output = z.looseObject({
  object: z.literal('page'),
  id: z.string().describe("The new page's ID."),
  url: z.string().describe('The page in Notion.'),
  properties: z.record(z.string(), z.unknown()).optional(),
});

interface CreatedPage {
  object: 'page';
  id: string;
  url: string;
  [field: string]: unknown;
}

/** https://developers.notion.com/reference/post-page */
export const createPage = defineNode({
  key: 'createPage',
  kind: 'action',
  displayName: 'Create Page',
  description:
    'Creates a page in a database (an entry with properties) or inside a page, with optional content, icon and cover.',
  credentials: [internalIntegration, oauth2],
  input,
  output,
  run: async (ctx, page) => {
    const parent = parentOf(page);
    const { data } = await callNotion<CreatedPage>(
      ctx.http,
      {
        method: 'POST',
        url: '/pages',
        json: {
          parent,
          properties: page.properties ?? {},
          children: page.children,
          icon: page.icon,
          cover: page.cover,
        },
      },
      { creates: 'the page' },
    );
    return data;
  },
});

/** Exactly one parent: Notion's `parent` is a database_id or a page_id, never both. */
function parentOf(page: z.output<typeof input>) {
  if (page.database_id && !page.page_id) return { database_id: page.database_id };
  if (page.page_id && !page.database_id) return { page_id: page.page_id };
  const message = page.database_id
    ? 'Give a parent database or a parent page, not both'
    : 'Give the parent database (for a database entry) or the parent page';
  throw invalidFieldsError('notion', 'Input of notion.createPage', [
    { path: 'database_id', message },
    { path: 'page_id', message },
  ]);
}
