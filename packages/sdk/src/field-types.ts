import { z } from 'zod';

/**
 * How a studio form renders a field. The same hint travels inside the JSON Schema under
 * `x-knotwork`, so a host that only reads manifests can build the same form.
 */
export const FieldType = {
  STRING: 'string',
  TEXT: 'text',
  NUMBER: 'number',
  BOOLEAN: 'boolean',
  SELECT: 'select',
  JSON: 'json',
  CODE: 'code',
  DATETIME: 'datetime',
  URL: 'url',
  EMAIL: 'email',
  SECRET: 'secret',
  CREDENTIAL: 'credential',
  BINARY: 'binary',
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export interface FieldHints {
  /** Overrides the widget inferred from the schema's type. */
  field?: FieldType;
  label?: string;
  description?: string;
  placeholder?: string;
  /** Shown masked, never sent back to a browser, registered with the redactor. */
  secret?: boolean;
  /** For CREDENTIAL fields: which credential types (`plugin.key`) may be picked. */
  credentialTypes?: string[];
  /** Collapsed under "More options" in forms. */
  advanced?: boolean;
  /** Accepts `{{ }}` expressions in workflows (default true for inputs). */
  expressions?: boolean;
}

export const HINTS_KEY = 'x-knotwork';

/** Attaches UI hints to a schema; they appear in the JSON Schema under `x-knotwork`. */
export function field<T extends z.ZodType>(schema: T, hints: FieldHints): T {
  const { label, description, ...rest } = hints;
  const meta: Record<string, unknown> = { [HINTS_KEY]: rest };
  if (label !== undefined) meta.title = label;
  if (description !== undefined) meta.description = description;
  return schema.meta(meta) as T;
}

/** A secret value: masked in forms, redacted from logs, errors and run records. */
export function secret(schema: z.ZodString = z.string().min(1), hints: FieldHints = {}) {
  return field(schema, { ...hints, field: FieldType.SECRET, secret: true });
}

/** A credential reference, filtered to the given credential types. */
export function credentialField(credentialTypes: string[], hints: Omit<FieldHints, 'field'> = {}) {
  return field(z.string().min(1), { ...hints, field: FieldType.CREDENTIAL, credentialTypes });
}

/** Reads the hints a schema carries (undefined when it has none). */
export function hintsOf(schema: z.ZodType): FieldHints | undefined {
  const meta = schema.meta() as Record<string, unknown> | undefined;
  const hints = meta?.[HINTS_KEY] as FieldHints | undefined;
  if (!meta) return undefined;
  return {
    ...hints,
    ...(typeof meta.title === 'string' ? { label: meta.title } : {}),
    ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
  };
}

/** Names of the object's properties marked secret (top level, which is where credentials keep them). */
export function secretFieldsOf(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, value]) => hintsOf(unwrap(value as z.ZodType))?.secret === true)
    .map(([key]) => key);
}

/**
 * Where a schema keeps secrets, at any depth, as paths of property names: a field marked
 * secret (its whole value is secret, every string in it), or one inside an object field.
 * Arrays are looked through: the path applies to each item. Redaction uses these, so a
 * secret nested in an object (a service account's key) is masked like a top-level one.
 */
export function secretPathsOf(schema: z.ZodType): string[][] {
  const paths: string[][] = [];
  const walk = (node: z.ZodType, path: string[]) => {
    // Credential schemas are shallow; the bound only guards against a recursive schema.
    if (path.length > 8) return;
    const inner = unwrap(node);
    if (hintsOf(inner)?.secret === true) {
      paths.push(path);
      return;
    }
    if (inner instanceof z.ZodObject) {
      for (const [key, value] of Object.entries(inner.shape)) {
        walk(value as z.ZodType, [...path, key]);
      }
    }
  };
  walk(schema, []);
  return paths;
}

/** Looks through optional/default/nullable wrappers to the schema that carries the meta. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 8; depth++) {
    if (current.meta()) return current;
    const inner = (current as unknown as { unwrap?: () => z.ZodType }).unwrap;
    const def = (current as unknown as { def?: { innerType?: z.ZodType } }).def;
    if (def?.innerType) current = def.innerType;
    else if (typeof inner === 'function') current = inner.call(current);
    else return current;
  }
  return current;
}
