import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RecordedRequest, type RunOptions } from '@knotwork/testing';

export { useClosedNetwork } from '@knotwork/testing';

export const TELEGRAM_ORIGIN = 'https://api.telegram.org';
export const CHAT_ID = -1001234567890;

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

interface ErrorFixture {
  status: number;
  body: { ok: false; error_code: number; description: string; parameters?: object };
}

/** One Telegram failure answer from fixtures/errors.json. */
export function telegramError(name: string): ErrorFixture {
  const error = fixture<Record<string, ErrorFixture>>('errors.json')[name];
  if (!error) throw new Error(`No error fixture "${name}"`);
  return error;
}

/** One getUpdates answer from fixtures/updates.json. */
export function updates(name: 'first' | 'empty' | 'later'): { ok: true; result: unknown[] } {
  const answer = fixture<Record<string, { ok: true; result: unknown[] }>>('updates.json')[name];
  if (!answer) throw new Error(`No updates fixture "${name}"`);
  return answer;
}

/** A token shaped like BotFather's (id:secret) whose secret part is a canary. */
export function canaryToken(): string {
  return `123456789:${createCanary('token')}`;
}

/** The path a method is called on: the token is part of it. */
export function methodPath(token: string, method: string): string {
  return `/bot${token}/${method}`;
}

// Each credential gets its own id, so its own rate-limit budget, as separately saved
// credentials would: tests in one file do not queue behind each other's requests.
export function botCredential(
  token: string = canaryToken(),
  extra: Record<string, unknown> = {},
): InlineCredential {
  return { key: 'botToken', id: randomUUID(), data: { botToken: token, ...extra } };
}

/**
 * The multipart body a request carried, parsed back into fields and files. nock hands
 * over a body that is not valid UTF-8 (a photo) as hex.
 */
export async function multipartOf(request: RecordedRequest): Promise<FormData> {
  const bytes = /^([0-9a-f]{2})*$/i.test(request.rawBody)
    ? Buffer.from(request.rawBody, 'hex')
    : Buffer.from(request.rawBody, 'utf8');
  return new Response(bytes, {
    headers: { 'content-type': request.headers['content-type'] ?? '' },
  }).formData();
}
