import { type FieldProblem, IntegrationError, invalidInputError } from '@knotwork/sdk';
import type { z } from 'zod';

/** An error the studio raises itself, with the HTTP status it answers with. */
export class ApiError extends IntegrationError {
  readonly httpStatus: number;
  /** Response headers that go with it (Retry-After on a 429). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    httpStatus: number,
    init: { code: string; message: string; hint: string; fields?: FieldProblem[] },
    headers: Record<string, string> = {},
  ) {
    super({ service: 'studio', ...init });
    this.httpStatus = httpStatus;
    this.headers = headers;
  }
}

/** 400 naming every bad field of a request part; `prefix` roots the paths (e.g. `data`). */
export function invalidRequest(
  what: string,
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
): ApiError {
  const error = invalidInputError('studio', what, issues, prefix);
  return new ApiError(400, {
    code: 'invalid_input',
    message: error.message,
    hint: error.hint,
    ...(error.fields ? { fields: error.fields } : {}),
  });
}
