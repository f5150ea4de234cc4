import { FieldType, field, z } from '@knotwork/sdk';

/**
 * A user or organization login. GitHub allows letters, digits and hyphens; Enterprise Managed
 * Users add an underscore suffix (octocat_acme). Checked because "octocat/Hello-World" or a URL
 * here would become a 404 that hides the real mistake.
 */
export function ownerField(description: string) {
  return field(
    z
      .string()
      .trim()
      .min(1, 'Give the owner: a user or organization login, e.g. octocat')
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
        'The owner is a login such as octocat: no slashes, spaces or URL',
      ),
    { label: 'Owner', description, placeholder: 'octocat' },
  );
}

/** A repository name: letters, digits, '.', '-' and '_', at most 100 characters. */
export const repoField = field(
  z
    .string()
    .trim()
    .min(1, 'Give the repository name, e.g. Hello-World')
    .max(100, 'A repository name has at most 100 characters')
    .regex(
      /^[A-Za-z0-9._-]+$/,
      'Give the repository name alone, e.g. Hello-World (the owner goes in "owner", and no URL)',
    ),
  {
    label: 'Repository',
    description: 'The repository name, without the owner.',
    placeholder: 'Hello-World',
  },
);

/** A branch name: git forbids spaces in it, so one here is a pasting mistake. */
export function branchField(label: string, description: string, placeholder: string) {
  return field(
    z
      .string()
      .trim()
      .min(1, `Give the ${label.toLowerCase()} branch`)
      .regex(/^\S+$/, 'A branch name has no spaces'),
    { label, description, placeholder },
  );
}

/**
 * A list of names, as an array or as comma-separated text ("bug, ui"): a workflow expression
 * often yields text. Empty entries are dropped.
 */
export function nameListField(
  label: string,
  description: string,
  placeholder: string,
  max?: number,
) {
  const names = z
    .union([z.array(z.string()), z.string()])
    .transform((value) =>
      (typeof value === 'string' ? value.split(',') : value)
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    );
  const limited =
    max === undefined
      ? names
      : names.refine(
          (list) => list.length <= max,
          `GitHub takes at most ${max} ${label.toLowerCase()}`,
        );
  // A text box: it takes "bug, ui", and a workflow may still pass an array.
  return field(limited.optional(), { field: FieldType.STRING, label, description, placeholder });
}
