import {
  hintsOf,
  isBinary,
  isObjectSchema,
  type JsonSchema,
  propertiesOf,
  unionOf,
} from './hints.js';

/** The hints that ask for a single typed-in value, and the JSON type that value has. */
const SCALAR_FIELDS: Record<string, 'string' | 'number' | 'boolean'> = {
  string: 'string',
  text: 'string',
  code: 'string',
  email: 'string',
  url: 'string',
  secret: 'string',
  datetime: 'string',
  select: 'string',
  number: 'number',
  boolean: 'boolean',
};

/** Hints whose custom form field takes the whole schema, unions included. */
const WHOLE_VALUE_FIELDS = new Set(['json', 'binary']);

/**
 * The schema a form renders. Plugins accept several shapes for one field ("a list, or
 * comma-separated", "an id or a @name"); a form offers the one a person types, instead of
 * a "which shape?" selector. The server still validates against the full schema, which
 * accepts the typed-in shape.
 */
export function toFormSchema(schema: JsonSchema): JsonSchema {
  const properties = propertiesOf(schema);
  const result: JsonSchema = { ...schema };
  if (Object.keys(properties).length > 0) {
    result.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, formField(property)]),
    );
  }
  return result;
}

function formField(schema: JsonSchema): JsonSchema {
  const hints = hintsOf(schema);
  if (hints.field && WHOLE_VALUE_FIELDS.has(hints.field)) return schema;
  const wanted = (hints.field && SCALAR_FIELDS[hints.field]) || 'string';

  const options = unionOf(schema);
  if (options) {
    const typed = options.some(isBinary) ? undefined : pickTyped(options, wanted);
    if (typed) return formField(mergeOuter(schema, typed));
    const key = schema.anyOf ? 'anyOf' : 'oneOf';
    return { ...schema, [key]: options.map(formField) };
  }

  if (Array.isArray(schema.type)) {
    const types = schema.type as string[];
    const type =
      [wanted, wanted === 'number' ? 'integer' : '', 'string'].find((t) => types.includes(t)) ??
      types.find((t) => t !== 'null');
    return formField({ ...schema, type });
  }

  if (schema.type === 'object') return toFormSchema(schema);
  if (schema.type === 'array' && isObjectSchema(schema.items)) {
    return { ...schema, items: formField(schema.items) };
  }
  return schema;
}

/** The union member a person would type for this hint; several string members become one plain string. */
function pickTyped(options: JsonSchema[], wanted: string): JsonSchema | undefined {
  const present = options.filter((option) => option.type !== 'null');
  if (present.length === 1) return present[0];
  const matches = (type: string) => options.filter((option) => option.type === type);
  const candidates =
    wanted === 'number'
      ? [...matches('number'), ...matches('integer')]
      : matches(wanted).length > 0
        ? matches(wanted)
        : matches('string');
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  return { type: candidates[0]?.type };
}

/** The chosen member, with the union's own title, description, default and hints on top. */
function mergeOuter(outer: JsonSchema, member: JsonSchema): JsonSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = outer;
  return { ...member, ...rest };
}
