// Reading the `x-knotwork` UI hints a plugin's JSON Schema carries (see @knotwork/sdk field-types).

export type JsonSchema = Record<string, unknown>;

export interface FieldHints {
  field?: string;
  placeholder?: string;
  secret?: boolean;
  advanced?: boolean;
  credentialTypes?: string[];
}

export const HINTS_KEY = 'x-knotwork';

export function hintsOf(schema: JsonSchema): FieldHints {
  const hints = schema[HINTS_KEY];
  return typeof hints === 'object' && hints !== null ? (hints as FieldHints) : {};
}

export function isSecret(schema: JsonSchema): boolean {
  const hints = hintsOf(schema);
  return hints.secret === true || hints.field === 'secret';
}

export function isBinary(schema: JsonSchema): boolean {
  return hintsOf(schema).field === 'binary';
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, JsonSchema>)
    : {};
}

export function unionOf(schema: JsonSchema): JsonSchema[] | undefined {
  const options = schema.anyOf ?? schema.oneOf;
  return Array.isArray(options) ? (options as JsonSchema[]) : undefined;
}

export function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? (schema.required as string[]) : [];
}

export function isObjectSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
