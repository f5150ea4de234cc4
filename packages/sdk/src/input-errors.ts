import type { z } from 'zod';
import { type FieldProblem, IntegrationError } from './integration-error.js';

/** Every bad field by name with what was expected, in one error (from zod's issues). */
export function invalidInputError(
  service: string,
  what: string,
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
): IntegrationError {
  return invalidFieldsError(
    service,
    what,
    issues.map((issue) => toFieldProblem(issue, prefix)),
  );
}

/**
 * The same error for checks a schema cannot express, e.g. "channel is required with a
 * bot token": `invalidFieldsError('slack', 'Input of slack.sendMessage', [{ path: 'channel', message: '…' }])`.
 */
export function invalidFieldsError(
  service: string,
  what: string,
  fields: FieldProblem[],
): IntegrationError {
  const list = fields.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  return new IntegrationError({
    service,
    code: 'invalid_input',
    message: `${what} has ${fields.length === 1 ? 'a bad field' : `${fields.length} bad fields`}: ${list}`,
    hint: `Fix ${fields
      .map(
        (problem) =>
          `"${problem.path}"${problem.expected ? ` (expected ${problem.expected})` : ''}`,
      )
      .join(', ')} and run again.`,
    fields,
  });
}

function toFieldProblem(issue: z.core.$ZodIssue, prefix: string): FieldProblem {
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)';
  const problem: FieldProblem = { path, message: issue.message };
  if (issue.code === 'invalid_type') problem.expected = String(issue.expected);
  if (issue.code === 'invalid_value')
    problem.expected = issue.values.map((value) => JSON.stringify(value)).join(' | ');
  if (issue.code === 'unrecognized_keys')
    problem.message = `Unknown field(s) ${issue.keys.join(', ')}`;
  if (issue.code === 'too_small')
    problem.expected = bound('at least', '>=', issue.origin, issue.minimum);
  if (issue.code === 'too_big')
    problem.expected = bound('at most', '<=', issue.origin, issue.maximum);
  return problem;
}

/** "at least 1 character", "at most 50 items", ">= 0": the limit in the field's own terms. */
function bound(words: string, sign: string, origin: string, limit: number | bigint): string {
  const unit =
    origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : undefined;
  if (!unit) return `${sign} ${String(limit)}`;
  return `${words} ${String(limit)} ${unit}${Number(limit) === 1 ? '' : 's'}`;
}
