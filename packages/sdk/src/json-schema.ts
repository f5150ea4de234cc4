import { z } from 'zod';
import { binaryJsonSchema } from './binary-data.js';
import { FieldType, HINTS_KEY } from './field-types.js';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema a form or a manifest reader sees for a zod schema, UI hints included.
 * `io: 'input'` describes what a user may type (defaults make fields optional).
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const result = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const hints = (ctx.jsonSchema as Record<string, unknown>)[HINTS_KEY] as
        | { field?: string }
        | undefined;
      if (hints?.field === FieldType.BINARY) {
        const { title, description } = ctx.jsonSchema as { title?: string; description?: string };
        Object.assign(ctx.jsonSchema, binaryJsonSchema, {
          ...(title ? { title } : {}),
          ...(description ? { description } : {}),
        });
      }
    },
  }) as JsonSchema;
  delete result.$schema;
  return result;
}
