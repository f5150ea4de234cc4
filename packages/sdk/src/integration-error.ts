/**
 * The one error shape every failure becomes: which service, a stable code, the HTTP status
 * when there was one, whether retrying can help, and a hint a person can act on.
 */
export interface IntegrationErrorInit {
  service: string;
  code: string;
  message: string;
  hint: string;
  status?: number;
  retryable?: boolean;
  /** Seconds the provider asked us to wait, when it said. */
  retryAfterSeconds?: number;
  /** For bad input: every field that failed, by path. */
  fields?: FieldProblem[];
  /** Safe, already-redacted extra detail (provider's error body, request id). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. `blocks.0.type`. */
  path: string;
  message: string;
  expected?: string;
  received?: string;
}

export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  readonly service: string;
  readonly code: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly hint: string;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: FieldProblem[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: IntegrationErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.service = init.service;
    this.code = init.code;
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.hint = init.hint;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields;
    this.details = init.details;
  }

  toJSON() {
    return {
      name: this.name,
      service: this.service,
      code: this.code,
      message: this.message,
      hint: this.hint,
      status: this.status,
      retryable: this.retryable,
      ...(this.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  /** Same error with every string passed through `clean` (used to strip secrets). */
  mapStrings(clean: (text: string) => string): IntegrationError {
    return new IntegrationError({
      service: this.service,
      code: this.code,
      message: clean(this.message),
      hint: clean(this.hint),
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.fields
        ? {
            fields: this.fields.map((problem) => ({
              ...problem,
              message: clean(problem.message),
              ...(problem.received === undefined ? {} : { received: clean(problem.received) }),
            })),
          }
        : {}),
      ...(this.details ? { details: JSON.parse(clean(JSON.stringify(this.details))) } : {}),
    });
  }
}

export function isIntegrationError(value: unknown): value is IntegrationError {
  return (
    value instanceof IntegrationError || (value as { name?: unknown })?.name === 'IntegrationError'
  );
}
