import type { Redactor, z } from '@knotwork/sdk';

type Primitive = string | number | boolean | bigint | null | undefined;

interface Parsed {
  /** The data object's own entries when it was parsed, to notice a later edit. */
  keys: string[];
  values: Primitive[];
  output: Record<string, Primitive>;
  derived: DerivedFromData;
}

/**
 * What callers work out from the parsed data and keep with it (its secrets' redactor):
 * dropped with the cache entry when the data changes.
 */
export interface DerivedFromData {
  redactor?: { token: string | undefined; redactor: Redactor };
}

export type ParsedCredentialData = ReturnType<z.ZodType['safeParse']> & {
  /** Present when the parse was cached: reused by later runs with the same data. */
  derived?: DerivedFromData;
};

/**
 * A workflow hands the same credential object to every run, and parsing it is one of the
 * larger costs of a short run (a database query). Credential schemas are pure functions of
 * the data (trim, defaults, checks), so a flat object whose entries have not changed parses
 * to the same result: reuse it. Only flat data is cached, because its entries can be
 * compared cheaply and a shallow copy of the output is a full one; every run still gets its
 * own copy, so a node that writes to `credential.data` does not touch later runs.
 */
const cache = new WeakMap<object, WeakMap<object, Parsed>>();

export function parseCredentialData(
  schema: z.ZodType,
  data: Record<string, unknown>,
): ParsedCredentialData {
  const bySchema = cache.get(schema);
  const hit = bySchema?.get(data);
  if (hit && unchanged(hit, data)) {
    return { success: true, data: { ...hit.output }, derived: hit.derived };
  }

  const parsed = schema.safeParse(data);
  if (!parsed.success || !isFlat(data) || !isFlat(parsed.data)) return parsed;
  const keys = Object.keys(data);
  const entry: Parsed = {
    keys,
    values: keys.map((key) => data[key] as Primitive),
    output: { ...(parsed.data as Record<string, Primitive>) },
    derived: {},
  };
  if (bySchema) bySchema.set(data, entry);
  else cache.set(schema, new WeakMap([[data, entry]]));
  return { ...parsed, derived: entry.derived };
}

function unchanged(entry: Parsed, data: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in data) {
    if (!Object.hasOwn(data, key)) return false;
    if (key !== entry.keys[count] || data[key] !== entry.values[count]) return false;
    count++;
  }
  return count === entry.keys.length;
}

function isFlat(value: unknown): value is Record<string, Primitive> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // A hidden (non-enumerable) field is still read by the schema, but not compared later.
  const values = Object.values(value);
  if (Object.getOwnPropertyNames(value).length !== values.length) return false;
  for (const item of values) {
    if ((typeof item === 'object' && item !== null) || typeof item === 'function') return false;
  }
  return true;
}
