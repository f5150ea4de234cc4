const MASK = '[redacted]';
/** Shorter values are too likely to occur by chance (ids, booleans) to be worth masking. */
const MIN_SECRET_LENGTH = 4;
/** Deeper than any real output; a value nested further is treated as possibly cyclic. */
const MAX_SCAN_DEPTH = 256;

/**
 * Remembers every secret value it is handed and masks them, together with the forms they
 * commonly take on the wire (URL-encoded, base64 as in Basic auth), wherever text leaves
 * the process: log lines, error messages, run records.
 */
export class Redactor {
  #secrets: Set<string>;
  /** The values handed to `add`, whose wire forms are all in `#secrets` already. */
  #values: Set<string>;
  #ordered: string[];
  /** Shares its sets with another redactor: copies them before its first new secret. */
  #shared: boolean;

  /**
   * A redactor knowing every secret `base` knows now. A run starts from its credential's
   * redactor this way: the credential's secrets are not worked out again for each run, and
   * what either one adds later stays its own.
   */
  constructor(base?: Redactor) {
    this.#secrets = base ? base.#secrets : new Set();
    this.#values = base ? base.#values : new Set();
    this.#ordered = base ? base.#ordered : [];
    this.#shared = base !== undefined;
    if (base) base.#shared = true;
  }

  add(...values: Array<string | undefined | null>): this {
    let changed = false;
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      if (this.#values.has(value)) continue;
      if (this.#shared) {
        this.#secrets = new Set(this.#secrets);
        this.#values = new Set(this.#values);
        this.#shared = false;
      }
      this.#values.add(value);
      for (const form of wireForms(value)) {
        if (form.length >= MIN_SECRET_LENGTH && !this.#secrets.has(form)) {
          this.#secrets.add(form);
          changed = true;
        }
      }
    }
    // Longest first, so a secret containing another is masked whole.
    if (changed) this.#ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
    return this;
  }

  get size(): number {
    return this.#ordered.length;
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#ordered) {
      if (result.includes(secret)) result = result.split(secret).join(MASK);
    }
    return result;
  }

  /**
   * A JSON-like value with every string redacted: a deep copy when a secret occurs in it,
   * the value itself when none does. Most outputs hold no secret, and copying every row a
   * database returned only to find nothing made each run's cost grow with its result.
   */
  redactValue<T>(value: T): T {
    if (this.#ordered.length === 0 || !this.#holdsSecret(value, 0)) return value;
    return this.#walk(value, new WeakMap()) as T;
  }

  /**
   * Whether a secret occurs in any string in `value`, walked as `#walk` walks it. Past a
   * depth no real output reaches it answers yes, so a cycle gets the copying walk, which
   * keeps track of what it has seen.
   */
  #holdsSecret(value: unknown, depth: number): boolean {
    if (typeof value === 'string') return this.#includesSecret(value);
    if (typeof value !== 'object' || value === null) return false;
    if (depth > MAX_SCAN_DEPTH) return true;
    if (Array.isArray(value)) {
      for (const item of value) if (this.#holdsSecret(item, depth + 1)) return true;
      return false;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    for (const key in value) {
      if (
        Object.hasOwn(value, key) &&
        this.#holdsSecret((value as Record<string, unknown>)[key], depth + 1)
      )
        return true;
    }
    return false;
  }

  #includesSecret(text: string): boolean {
    for (const secret of this.#ordered) {
      if (text.includes(secret)) return true;
    }
    return false;
  }

  #walk(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(this.#walk(item, seen));
      return copy;
    }
    // Only plain data is copied: bytes, streams, dates from drivers and other class
    // instances would come out as `{}`, so they pass through as they are.
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    for (const [key, item] of Object.entries(value)) copy[key] = this.#walk(item, seen);
    return copy;
  }
}

function wireForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  forms.push(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
  forms.push(...urlForms(secret));
  return forms;
}

/**
 * A secret URL (a Slack or Discord webhook) leaks through its parts as well: messages
 * and logs often show only the path, or the URL as `new URL()` normalises it.
 */
function urlForms(secret: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(secret)) return [];
  let url: URL;
  try {
    url = new URL(secret);
  } catch {
    return [];
  }
  const forms = [url.href];
  const tail = `${url.pathname}${url.search}`;
  // A bare "/" or a short path is too common to be a secret on its own.
  if (tail.length >= 12) forms.push(tail, url.pathname);
  return forms.filter((form) => form.length >= 12);
}

export const REDACTED = MASK;
