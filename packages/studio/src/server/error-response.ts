import { type FieldProblem, isIntegrationError } from '@knotwork/sdk';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** The one error shape of API.md. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    hint?: string;
    service?: string;
    fields?: Array<{ path: string; message: string }>;
  };
}

/** What an IntegrationError code means over HTTP; anything else a provider or node said is 422. */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_input: 400,
  invalid_credential_name: 400,
  not_oauth: 400,
  wrong_grant: 400,
  credential_not_found: 404,
  unknown_credential_type: 404,
  unknown_node: 404,
  name_taken: 409,
  concurrent_update: 409,
};

/** Fastify's own client errors, by status: its messages may quote the body, so ours replace them. */
const FRAMEWORK_ERRORS: Record<number, { code: string; message: string; hint: string }> = {
  400: {
    code: 'invalid_json',
    message: 'The request body is not valid JSON',
    hint: 'Send a JSON body with Content-Type: application/json.',
  },
  413: {
    code: 'payload_too_large',
    message: 'The request body is too large',
    hint: 'Keep request bodies under 1 MB.',
  },
  415: {
    code: 'unsupported_media_type',
    message: 'Only JSON bodies are accepted',
    hint: 'Send the body with Content-Type: application/json.',
  },
};

export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isIntegrationError(error)) {
    const status =
      error instanceof ApiError ? error.httpStatus : (STATUS_BY_CODE[error.code] ?? 422);
    return {
      status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          hint: error.hint,
          service: error.service,
          ...(error.fields ? { fields: error.fields.map(fieldOf) } : {}),
        },
      },
    };
  }
  const statusCode = (error as FastifyError | undefined)?.statusCode;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    const known = FRAMEWORK_ERRORS[statusCode] ?? {
      code: 'bad_request',
      message: 'The request was refused',
      hint: 'Check the method, headers and body against GET /api/openapi.json.',
    };
    return { status: statusCode, body: { error: known } };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal_error',
        message: 'Something failed inside the studio server: this is a bug in knotwork',
        hint: 'The server log has the details; please report it with what you did.',
      },
    },
  };
}

/** Unknown errors go to the server log (never to the browser); every error answers in one shape. */
export function registerErrorHandler(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler((error, request, reply) => {
    const tooLarge =
      (error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? request.routeOptions.config?.knotworkBodyTooLarge?.()
        : undefined;
    const { status, body } = errorResponse(tooLarge ?? error);
    if (status === 500) {
      log(
        `studio: ${request.method} ${request.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    if (error instanceof ApiError) reply.headers(error.headers);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}

function fieldOf(problem: FieldProblem): { path: string; message: string } {
  return { path: problem.path, message: problem.message };
}
