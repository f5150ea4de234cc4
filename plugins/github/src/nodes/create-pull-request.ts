import { defineNode, FieldType, field, invalidFieldsError, z } from '@knotwork/sdk';
import { oauth2, personalAccessToken } from '../credentials.js';
import { branchField, ownerField, repoField } from '../fields.js';
import { callGitHub } from '../github-api.js';

const input = z.strictObject({
  owner: ownerField(
    'The user or organization that owns the repository the pull request goes into.',
  ),
  repo: repoField,
  head: branchField(
    'Head',
    'The branch with the changes. For a branch in a fork of this repository write owner:branch.',
    'new-topic',
  ),
  base: branchField('Base', 'The branch the changes should be merged into.', 'main'),
  title: field(z.string().trim().min(1, 'Give the pull request a title'), {
    label: 'Title',
    placeholder: 'Amazing new feature',
  }),
  body: field(z.string().optional(), {
    field: FieldType.TEXT,
    label: 'Body',
    description: 'The description, in GitHub Markdown.',
  }),
  draft: field(z.boolean().optional(), {
    label: 'Draft',
    description: 'Open it as a draft, not yet ready for review.',
  }),
  maintainer_can_modify: field(z.boolean().optional(), {
    label: 'Maintainers can modify',
    description: "Let the base repository's maintainers push to the head branch of a fork.",
    advanced: true,
  }),
});

const output = z.looseObject({
  id: z.number(),
  number: z.number().describe('The pull request number shown as #1347.'),
  html_url: z.string().describe('The pull request on github.com.'),
  url: z.string().describe('The pull request in the REST API.'),
  state: z.string(),
  title: z.string(),
  draft: z.boolean().optional(),
});

interface CreatedPullRequest {
  id: number;
  number: number;
  html_url: string;
  url: string;
  state: string;
  title: string;
  draft?: boolean;
  [field: string]: unknown;
}

/** https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request */
export const createPullRequest = defineNode({
  key: 'createPullRequest',
  kind: 'action',
  displayName: 'Create Pull Request',
  description: 'Opens a pull request from a head branch into a base branch, optionally as a draft.',
  credentials: [personalAccessToken, oauth2],
  input,
  output,
  run: async (ctx, pull) => {
    // GitHub would answer 422 "No commits between main and main"; naming the field is clearer.
    if (!pull.head.includes(':') && pull.head === pull.base) {
      throw invalidFieldsError('github', 'Input of github.createPullRequest', [
        {
          path: 'head',
          message: `The head and base are both "${pull.base}": head is the branch with the changes, base the branch to merge into`,
        },
      ]);
    }
    const { data } = await callGitHub<CreatedPullRequest>(
      ctx.http,
      {
        method: 'POST',
        url: `/repos/${encodeURIComponent(pull.owner)}/${encodeURIComponent(pull.repo)}/pulls`,
        json: {
          title: pull.title,
          head: pull.head,
          base: pull.base,
          body: pull.body,
          draft: pull.draft,
          maintainer_can_modify: pull.maintainer_can_modify,
        },
      },
      { creates: 'the pull request' },
    );
    return data;
  },
});
