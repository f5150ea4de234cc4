import { defineNode, field, z } from '@knotwork/sdk';
import { partialError, type XProblem, xRequest } from '../client.js';
import { appBearerToken, oauth2 } from '../credentials.js';
import { commaList, fieldList, userId, username } from '../fields.js';

const input = z
  .strictObject({
    username: field(username.optional(), {
      label: 'Username',
      description: 'The handle, with or without @, e.g. XDevelopers. Give this or the user id.',
      placeholder: 'XDevelopers',
    }),
    id: field(userId.optional(), {
      label: 'User id',
      description: 'The numeric user id, e.g. 2244994945. Give this or the username.',
      placeholder: '2244994945',
    }),
    user_fields: fieldList(
      'User fields',
      'Extra fields, comma-separated: created_at, description, public_metrics, verified, profile_image_url, …',
      'created_at,description,public_metrics',
    ),
  })
  .superRefine((lookup, ctx) => {
    const given = [lookup.username, lookup.id].filter((value) => value !== undefined).length;
    if (given === 1) return;
    const message =
      given === 0 ? 'Give a username or a user id' : 'Give a username or a user id, not both';
    for (const path of ['username', 'id']) ctx.addIssue({ code: 'custom', path: [path], message });
  });

const output = z
  .looseObject({ id: z.string(), name: z.string(), username: z.string() })
  .describe('The user, with the fields asked for.');

interface UserLookupResponse {
  data?: z.infer<typeof output>;
  errors?: XProblem[];
}

/**
 * https://docs.x.com/x-api/users/user-lookup-by-username and
 * https://docs.x.com/x-api/users/user-lookup-by-id
 */
export const getUser = defineNode({
  key: 'getUser',
  kind: 'action',
  displayName: 'Get User',
  description: 'Looks up an X user by username or by id.',
  credentials: [oauth2, appBearerToken],
  input,
  output,
  run: async (ctx, lookup) => {
    const url = lookup.id
      ? `/users/${lookup.id}`
      : `/users/by/username/${encodeURIComponent(lookup.username ?? '')}`;
    const { data } = await xRequest<UserLookupResponse>(ctx.http, {
      method: 'GET',
      url,
      query: { 'user.fields': commaList(lookup.user_fields) },
    });
    if (!data.data) throw partialError(data.errors?.[0], 'user');
    return data.data;
  },
});
