import { defineNode, field, z } from '@knotwork/sdk';
import { apiKey } from '../credentials.js';

/** The item as {{displayName}}'s API returns it. */
interface ItemResponse {
  id: string;
  name: string;
  status: string;
  updated_at: string;
}

export const getItem = defineNode({
  key: 'getItem',
  kind: 'action',
  displayName: 'Get item',
  description: 'Fetches one item by its ID.',
  credentials: [apiKey],
  input: z.object({
    itemId: field(z.string().min(1), {
      label: 'Item ID',
      description: "The ID shown in the item's URL, e.g. itm_42.",
    }),
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    updatedAt: z.string(),
  }),
  run: async (ctx, input) => {
    const { data } = await ctx.http.request<ItemResponse>({
      url: `/items/${encodeURIComponent(input.itemId)}`,
    });
    return { id: data.id, name: data.name, status: data.status, updatedAt: data.updated_at };
  },
});
