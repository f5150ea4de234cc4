import { defineNode, field, invalidFieldsError, z } from '@knotwork/sdk';
import { oauth2, personalAccessToken } from '../credentials.js';
import { ownerField } from '../fields.js';
import { collectGitHubPages } from '../github-api.js';

/** The most GitHub returns per page: fewer pages, fewer requests against the hourly budget. */
const PAGE_SIZE = 100;

/**
 * Each list endpoint takes its own `type` values:
 * - GET /user/repos: all, owner, public, private, member (default all)
 * - GET /users/{username}/repos: all, owner, member (default owner)
 * - GET /orgs/{org}/repos: all, public, private, forks, sources, member (default all)
 * https://docs.github.com/en/rest/repos/repos
 */
const TYPES_BY_OWNER = {
  authenticated_user: ['all', 'owner', 'public', 'private', 'member'],
  user: ['all', 'owner', 'member'],
  org: ['all', 'public', 'private', 'forks', 'sources', 'member'],
} as const;

type OwnerType = keyof typeof TYPES_BY_OWNER;

const input = z.strictObject({
  owner_type: field(z.enum(['authenticated_user', 'user', 'org']).default('authenticated_user'), {
    label: 'Whose repositories',
    description:
      "authenticated_user: every repository the token's user can see (private ones too); user: a user's public repositories; org: an organization's repositories.",
  }),
  owner: ownerField(
    'The user or organization login; leave empty for authenticated_user.',
  ).optional(),
  type: field(
    z.enum(['all', 'owner', 'public', 'private', 'member', 'forks', 'sources']).optional(),
    {
      label: 'Type',
      description:
        'Which repositories. authenticated_user: all, owner, public, private, member. user: all, owner, member. org: all, public, private, forks, sources, member.',
    },
  ),
  sort: field(z.enum(['created', 'updated', 'pushed', 'full_name']).optional(), {
    label: 'Sort by',
    description:
      'GitHub sorts by full_name for users and by created for organizations unless told.',
  }),
  direction: field(z.enum(['asc', 'desc']).optional(), {
    label: 'Direction',
    description: 'asc for full_name, desc otherwise, unless told.',
  }),
  maxItems: field(z.number().int().min(1).max(10_000).default(1_000), {
    label: 'Maximum repositories',
    description: 'Stop after this many (100 per request); hasMore says whether there were more.',
    advanced: true,
  }),
});

const repository = z.looseObject({
  id: z.number(),
  name: z.string(),
  full_name: z.string(),
  private: z.boolean(),
  html_url: z.string(),
});

const output = z.object({
  repositories: z.array(repository),
  count: z.number().int().describe('How many repositories were returned.'),
  hasMore: z.boolean().describe('True when maxItems cut the list short.'),
});

type ListReposInput = z.output<typeof input>;

export const listRepos = defineNode({
  key: 'listRepos',
  kind: 'action',
  displayName: 'List Repositories',
  description:
    "Lists the repositories of the token's user, of another user, or of an organization, every page.",
  credentials: [personalAccessToken, oauth2],
  input,
  output,
  run: async (ctx, listing) => {
    checkOwnerAndType(listing);
    const { items, hasMore } = await collectGitHubPages<z.input<typeof repository>>(
      ctx.http,
      {
        method: 'GET',
        url: listUrl(listing.owner_type, listing.owner),
        query: {
          type: listing.type,
          sort: listing.sort,
          direction: listing.direction,
          per_page: PAGE_SIZE,
        },
      },
      listing.maxItems,
    );
    return { repositories: items, count: items.length, hasMore };
  },
});

function listUrl(ownerType: OwnerType, owner: string | undefined): string {
  if (ownerType === 'authenticated_user') return '/user/repos';
  const login = encodeURIComponent(owner ?? '');
  return ownerType === 'org' ? `/orgs/${login}/repos` : `/users/${login}/repos`;
}

/** The three endpoints differ in what they take; say which field is wrong before GitHub answers 422. */
function checkOwnerAndType(listing: ListReposInput) {
  const problems: Array<{ path: string; message: string }> = [];
  if (listing.owner_type === 'authenticated_user' && listing.owner) {
    problems.push({
      path: 'owner',
      message:
        'Leave owner empty for authenticated_user, or set owner_type to user or org to list that account',
    });
  }
  if (listing.owner_type !== 'authenticated_user' && !listing.owner) {
    problems.push({
      path: 'owner',
      message: `Give the ${listing.owner_type === 'org' ? 'organization' : 'user'} login whose repositories to list`,
    });
  }
  const allowed: readonly string[] = TYPES_BY_OWNER[listing.owner_type];
  if (listing.type && !allowed.includes(listing.type)) {
    problems.push({
      path: 'type',
      message: `For ${listing.owner_type} the type is one of ${allowed.join(', ')}`,
    });
  }
  if (problems.length > 0) {
    throw invalidFieldsError('github', 'Input of github.listRepos', problems);
  }
}
