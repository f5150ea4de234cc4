import { isIntegrationError } from '@knotwork/sdk';
import type { CliIo } from './io.js';

/** Prints an error the way a person needs it: what went wrong, then what to do. */
export function renderError(io: CliIo, error: unknown, json: boolean): void {
  if (json) {
    const body = isIntegrationError(error)
      ? error.toJSON()
      : { name: 'Error', message: error instanceof Error ? error.message : String(error) };
    io.stderr(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return;
  }
  if (!isIntegrationError(error)) {
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  const lines = [`Error: ${error.message}`];
  for (const field of error.fields ?? []) {
    lines.push(
      `  - ${field.path}: ${field.message}${field.expected ? ` (expected ${field.expected})` : ''}`,
    );
  }
  lines.push(`Hint: ${error.hint}`);
  io.stderr(`${lines.join('\n')}\n`);
}
