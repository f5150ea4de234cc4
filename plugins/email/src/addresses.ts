import type { FieldProblem } from '@knotwork/sdk';
import addressparser from 'nodemailer/lib/addressparser';

/**
 * Deliberately loose (RFC 5322 allows far more than anyone uses, and international
 * addresses carry Unicode): one "@", no spaces or brackets, a domain of labels. It is
 * here to catch "bob" and "bob@" before the server does, not to judge deliverability.
 */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"._-][^\s@<>()[\]\\,;:"]*$/u;

export function isEmailAddress(text: string): boolean {
  return ADDRESS.test(text) && !text.endsWith('.');
}

/**
 * Every address in a recipients field: one string ("Ann <ann@x.org>, bob@y.com") or a
 * list of them. Problems name the exact entry, e.g. `to.1`, and the text that is wrong.
 */
export function parseRecipients(
  value: string | string[] | undefined,
  path: string,
): { addresses: string[]; problems: FieldProblem[] } {
  const addresses: string[] = [];
  const problems: FieldProblem[] = [];
  if (value === undefined) return { addresses, problems };
  const entries = Array.isArray(value) ? value : [value];
  entries.forEach((entry, index) => {
    const entryPath = Array.isArray(value) ? `${path}.${index}` : path;
    const parsed = addressparser(entry, { flatten: true });
    if (parsed.length === 0) {
      problems.push({ path: entryPath, message: 'Empty: give an address such as ann@example.com' });
    }
    for (const mailbox of parsed) {
      const address = mailbox.address ?? '';
      if (isEmailAddress(address)) addresses.push(address);
      else {
        problems.push({
          path: entryPath,
          message: `"${address || mailbox.name}" is not an e-mail address (expected name@domain)`,
          received: entry,
        });
      }
    }
  });
  return { addresses, problems };
}

/** One mailbox, with or without a display name: what a sender must be. */
export function isSingleAddress(text: string): boolean {
  const { addresses, problems } = parseRecipients(text, 'from');
  return problems.length === 0 && addresses.length === 1;
}
