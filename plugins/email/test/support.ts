import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, hostFor, type RunOptions } from '@knotwork/testing';
import plugin from '../src/index.js';

export { useClosedNetwork } from '@knotwork/testing';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** A password that must never be seen: in no log line, error or output. */
export function canaryPassword(): string {
  return createCanary('password');
}

// Each credential gets its own id, so its own connection pool, as a separately saved one would.

export function smtpCredential(data: Record<string, unknown>): InlineCredential {
  return { key: 'smtp', id: randomUUID(), data: { host: '127.0.0.1', security: 'none', ...data } };
}

export function imapCredential(data: Record<string, unknown>): InlineCredential {
  return { key: 'imap', id: randomUUID(), data: { host: '127.0.0.1', security: 'none', ...data } };
}

/** Log lines saying a step was retried. */
export function retryWarnings(logs: Array<{ level: string; message: string }>): string[] {
  return logs
    .filter((record) => record.level === 'warn' && record.message.startsWith('Retrying'))
    .map((record) => record.message);
}

/** Closes the pooled SMTP transports and IMAP connections the test host kept open. */
export async function closePools(): Promise<void> {
  await (await hostFor(plugin)).close();
}

/**
 * The password as SASL PLAIN carries it on the wire (base64 of "\0user\0password"): a
 * form the redactor cannot know, so it must never be copied into an error or log at all.
 */
export function saslPlain(user: string, password: string): string {
  return Buffer.from(`\0${user}\0${password}`).toString('base64');
}
