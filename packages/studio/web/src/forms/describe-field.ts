import {
  hintsOf,
  isBinary,
  isSecret,
  type JsonSchema,
  propertiesOf,
  requiredOf,
  unionOf,
} from './hints.js';

export interface FieldSummary {
  name: string;
  title: string;
  type: string;
  required: boolean;
  advanced: boolean;
  description?: string;
}

/** A node's or credential's fields in words, for the integration page's reference list. */
export function describeFields(schema: JsonSchema): FieldSummary[] {
  const required = new Set(requiredOf(schema));
  return Object.entries(propertiesOf(schema)).map(([name, property]) => ({
    name,
    title: typeof property.title === 'string' ? property.title : name,
    type: describeType(property),
    required: required.has(name),
    advanced: hintsOf(property).advanced === true,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

export function describeType(schema: JsonSchema): string {
  if (isSecret(schema)) return 'secret';
  if (isBinary(schema)) return 'file';
  const field = hintsOf(schema).field;
  if (field === 'json') return 'JSON';
  if (field === 'code') return 'code';
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;
  const union = unionOf(schema);
  if (union) return [...new Set(union.map(describeType))].join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  switch (type) {
    case 'string':
      return schema.format === 'uri' ? 'URL' : schema.format === 'email' ? 'email' : 'text';
    case 'integer':
      return 'whole number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'yes/no';
    case 'array':
      return 'list';
    case 'object':
      return 'object';
    default:
      return typeof type === 'string' ? type : 'any';
  }
}
