import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** A unique secret-looking value: if it shows up anywhere visible, a secret leaked. */
export function createCanary(label = 'secret'): string {
  return `kwcanary-${label}-${randomBytes(12).toString('hex')}`;
}

/**
 * Asserts the canary appears nowhere in the given things: log records, errors (message,
 * hint, details, cause chain), outputs. Each thing is searched in every form a person
 * might see it: JSON, util.inspect, and String().
 */
export function assertNoCanary(canary: string, things: Record<string, unknown>): void {
  const leaks: string[] = [];
  for (const [name, thing] of Object.entries(things)) {
    for (const form of visibleForms(thing)) {
      if (form.includes(canary) || form.includes(encodeURIComponent(canary))) {
        leaks.push(name);
        break;
      }
    }
  }
  if (leaks.length > 0) {
    throw new Error(`The canary secret leaked into: ${leaks.join(', ')}`);
  }
}

function visibleForms(thing: unknown): string[] {
  const forms: string[] = [];
  try {
    forms.push(JSON.stringify(thing) ?? '');
  } catch {
    // Circular structures still get inspected below.
  }
  forms.push(inspect(thing, { depth: 12, showHidden: false }));
  if (thing instanceof Error) {
    forms.push(String(thing), thing.stack ?? '');
    const hint = (thing as { hint?: unknown }).hint;
    if (typeof hint === 'string') forms.push(hint);
  }
  return forms;
}
