import { defineNode, field, invalidFieldsError, z } from '@knotwork/sdk';
import { internalIntegration, oauth2 } from '../credentials.js';
import { coverField, iconField, notionIdField, propertiesField } from '../fields.js';
import { callNotion } from '../notion-api.js';

const input = z.strictObject({
  page_id: notionIdField('page', 'Page', 'The page to update: its ID or its link.'),
  properties: propertiesField(
    'Only the properties to change, in Notion\'s shape, e.g. {"Status": {"select": {"name": "Done"}}}. Others stay as they are.',
  ),
  archived: field(z.boolean().optional(), {
    label: 'Archived',
    description:
      'true moves the page to the trash, false restores it (the older name of in_trash).',
  }),
  in_trash: field(z.boolean().optional(), {
    label: 'In trash',
    description: 'true moves the page to the trash, false restores it.',
    advanced: true,
  }),
  icon: iconField,
  cover: coverField,
});

const output = z.looseObject({
  object: z.literal('page'),
  id: z.string(),
  url: z.string(),
  archived: z.boolean().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

interface UpdatedPage {
  object: 'page';
  id: string;
  url: string;
  [field: string]: unknown;
}

type UpdatePageInput = z.output<typeof input>;

/**
 * https://developers.notion.com/reference/patch-page
 *
 * Setting properties, the trash flag, an icon or a cover to given values gives the same page
 * however often it is sent, so the PATCH is marked idempotent and a 5xx or conflict_error is
 * retried.
 */
export const updatePage = defineNode({
  key: 'updatePage',
  kind: 'action',
  displayName: 'Update Page',
  description:
    "Changes a page's properties, icon or cover, or moves it to the trash and back (archive).",
  credentials: [internalIntegration, oauth2],
  input,
  output,
  run: async (ctx, update) => {
    checkSomethingToChange(update);
    const { data } = await callNotion<UpdatedPage>(ctx.http, {
      method: 'PATCH',
      url: `/pages/${update.page_id}`,
      json: {
        properties: update.properties,
        archived: update.archived,
        in_trash: update.in_trash,
        icon: update.icon,
        cover: update.cover,
      },
      idempotent: true,
    });
    return data;
  },
});

function checkSomethingToChange(update: UpdatePageInput) {
  if (
    update.archived !== undefined &&
    update.in_trash !== undefined &&
    update.archived !== update.in_trash
  ) {
    throw invalidFieldsError('notion', 'Input of notion.updatePage', [
      {
        path: 'in_trash',
        message:
          'archived and in_trash are two names for the same flag: give one, or the same value',
      },
    ]);
  }
  const changes = [update.archived, update.in_trash, update.icon, update.cover];
  const hasProperties =
    update.properties !== undefined && Object.keys(update.properties).length > 0;
  if (hasProperties || changes.some((change) => change !== undefined)) return;
  throw invalidFieldsError('notion', 'Input of notion.updatePage', [
    {
      path: 'properties',
      message: 'Nothing to change: give properties, archived, icon or cover',
    },
  ]);
}
