import { isSecret, type JsonSchema, propertiesOf, requiredOf } from './hints.js';

/** Top-level fields marked secret, which is where credential types keep them. */
export function secretFieldsOf(schema: JsonSchema): string[] {
  return Object.entries(propertiesOf(schema))
    .filter(([, property]) => isSecret(property))
    .map(([name]) => name);
}

/**
 * The schema of an edit form: a secret that is already saved may be left empty (the
 * browser never had its value), so it is no longer required here.
 */
export function editableSchema(schema: JsonSchema, savedSecrets: readonly string[]): JsonSchema {
  const saved = new Set(savedSecrets);
  const required = requiredOf(schema);
  if (!required.some((name) => saved.has(name))) return schema;
  return { ...schema, required: required.filter((name) => !saved.has(name)) };
}

/** The data to send: an empty secret means "keep the saved one", so it is left out. */
export function withoutEmptySecrets(
  data: Record<string, unknown>,
  schema: JsonSchema,
): Record<string, unknown> {
  const secrets = new Set(secretFieldsOf(schema));
  return Object.fromEntries(
    Object.entries(data).filter(
      ([name, value]) => !(secrets.has(name) && (value === undefined || value === '')),
    ),
  );
}
