import { defineNode, FieldType, field, type Logger, z } from '@knotwork/sdk';
import { oauth2, personalAccessToken } from '../credentials.js';
import { nameListField, ownerField, repoField } from '../fields.js';
import { callGitHub } from '../github-api.js';

/** "Issues can have a maximum of 10 assignees." https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/assigning-issues-and-pull-requests-to-other-github-users */
const MAX_ASSIGNEES = 10;

const input = z.strictObject({
  owner: ownerField('The user or organization that owns the repository.'),
  repo: repoField,
  title: field(z.string().trim().min(1, 'Give the issue a title'), {
    label: 'Title',
    placeholder: 'Found a bug',
  }),
  body: field(z.string().optional(), {
    field: FieldType.TEXT,
    label: 'Body',
    description: 'The issue text, in GitHub Markdown.',
  }),
  labels: nameListField(
    'Labels',
    'Label names, as a list or comma-separated. GitHub creates unknown labels; it ignores labels from people without push access.',
    'bug, ui',
  ),
  assignees: nameListField(
    'Assignees',
    'GitHub logins, as a list or comma-separated (at most 10). Ignored for people without push access.',
    'octocat, hubot',
    MAX_ASSIGNEES,
  ),
  milestone: field(
    z
      .union([z.number(), z.string()])
      .transform((value, ctx) => {
        const number = typeof value === 'number' ? value : Number(value.trim() || Number.NaN);
        if (Number.isInteger(number) && number > 0) return number;
        ctx.addIssue({
          code: 'custom',
          message: 'The milestone is its number, e.g. 1 (not its title)',
        });
        return z.NEVER;
      })
      .optional(),
    {
      field: FieldType.NUMBER,
      label: 'Milestone number',
      description: "The milestone's number (in its URL: /milestone/1), not its title.",
      advanced: true,
    },
  ),
});

const output = z.looseObject({
  id: z.number(),
  number: z.number().describe('The issue number shown as #1347.'),
  html_url: z.string().describe('The issue on github.com.'),
  url: z.string().describe('The issue in the REST API.'),
  state: z.string(),
  title: z.string(),
});

interface CreatedIssue {
  id: number;
  number: number;
  html_url: string;
  url: string;
  state: string;
  title: string;
  labels?: Array<{ name?: string } | string>;
  assignees?: Array<{ login?: string }>;
  milestone?: { number?: number } | null;
  [field: string]: unknown;
}

/** https://docs.github.com/en/rest/issues/issues#create-an-issue */
export const createIssue = defineNode({
  key: 'createIssue',
  kind: 'action',
  displayName: 'Create Issue',
  description: 'Opens an issue in a repository, with optional labels, assignees and milestone.',
  credentials: [personalAccessToken, oauth2],
  input,
  output,
  run: async (ctx, issue) => {
    const { data } = await callGitHub<CreatedIssue>(
      ctx.http,
      {
        method: 'POST',
        url: `/repos/${encodeURIComponent(issue.owner)}/${encodeURIComponent(issue.repo)}/issues`,
        json: {
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          assignees: issue.assignees,
          milestone: issue.milestone,
        },
      },
      { creates: 'the issue' },
    );
    warnAboutDroppedFields(ctx.logger, issue, data);
    return data;
  },
});

/**
 * GitHub creates the issue but silently drops labels, assignees and milestone when the token's
 * user lacks push access ("Only users with push access can set labels for new issues. Labels
 * are silently dropped otherwise."). Saying so saves a puzzled look at the issue.
 */
function warnAboutDroppedFields(
  logger: Logger,
  requested: z.output<typeof input>,
  created: CreatedIssue,
) {
  // Label names match case-insensitively: asking for "Bug" applies an existing "bug".
  const labels = new Set(
    (created.labels ?? []).map((label) =>
      (typeof label === 'string' ? label : label.name)?.toLowerCase(),
    ),
  );
  const assignees = new Set((created.assignees ?? []).map((user) => user.login?.toLowerCase()));
  const dropped = [
    ...(requested.labels ?? [])
      .filter((name) => !labels.has(name.toLowerCase()))
      .map((name) => `label ${name}`),
    ...(requested.assignees ?? [])
      .filter((login) => !assignees.has(login.toLowerCase()))
      .map((login) => `assignee ${login}`),
    ...(requested.milestone !== undefined && created.milestone?.number !== requested.milestone
      ? [`milestone ${requested.milestone}`]
      : []),
  ];
  if (dropped.length === 0) return;
  logger.warn(
    `GitHub created issue #${created.number} without ${dropped.join(', ')}: only people with push access to the repository can set labels, assignees and milestones.`,
    { dropped },
  );
}
