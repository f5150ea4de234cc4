import { readFileSync } from 'node:fs';

/** The hand-written invoice mail with a PDF and a PNG attached (see fixtures/SOURCES.md). */
export const invoiceMail = readFileSync(
  new URL('./fixtures/invoice-with-attachments.eml', import.meta.url),
);

/** A plain one-part message, RFC 5322 as simple as it gets. */
export function plainMail(options: {
  from: string;
  subject: string;
  body?: string;
  date?: Date;
  id?: string;
}): string {
  const date = options.date ?? new Date('2024-05-14T09:30:00Z');
  return [
    `From: ${options.from}`,
    'To: alice@example.com',
    `Subject: ${options.subject}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${options.id ?? options.subject.replace(/\W+/g, '-')}@example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? `This is ${options.subject}.`,
    '',
  ].join('\r\n');
}
