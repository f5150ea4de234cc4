import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RunOptions } from '@knotwork/testing';

export { useClosedNetwork } from '@knotwork/testing';

export const DISCORD_ORIGIN = 'https://discord.com';
export const WEBHOOK_ID = '223704706495545344';
export const CHANNEL_ID = '290926798999357250';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

interface ErrorFixture {
  status: number;
  body: Record<string, unknown>;
}

/** One documented (or observed) Discord error answer from fixtures/errors.json. */
export function discordError(name: string): ErrorFixture {
  const errors = fixture<Record<string, ErrorFixture>>('errors.json');
  const error = errors[name];
  if (!error) throw new Error(`No error fixture "${name}"`);
  return error;
}

interface RateLimitFixture {
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A documented 429 answer: user, shared (per resource) or global. */
export function rateLimited(scope: 'user' | 'shared' | 'global'): RateLimitFixture {
  const answer = fixture<Record<string, RateLimitFixture>>('rate-limited.json')[scope];
  if (!answer) throw new Error(`No rate-limit fixture "${scope}"`);
  return answer;
}

/** A webhook whose token is a canary: 68 URL-safe characters like Discord's. */
export function canaryWebhook(): { url: string; token: string; path: string } {
  const token = `${createCanary('webhook')}-${'x'.repeat(25)}`;
  const path = `/api/v10/webhooks/${WEBHOOK_ID}/${token}`;
  return { url: `https://discord.com/api/webhooks/${WEBHOOK_ID}/${token}`, token, path };
}

/** A bot token shaped like Discord's (id.timestamp.hmac) whose last part is a canary. */
export function canaryBotToken(): string {
  return `MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.${createCanary('bot')}`;
}

// Each credential gets its own id, so its own rate-limit budget, as separately saved
// credentials would: tests in one file do not queue behind each other's requests.

export function webhookCredential(
  url: string,
  extra: Record<string, unknown> = {},
): InlineCredential {
  return { key: 'webhookUrl', id: randomUUID(), data: { webhookUrl: url, ...extra } };
}

export function botCredential(token: string = canaryBotToken()): InlineCredential {
  return { key: 'botToken', id: randomUUID(), data: { botToken: token } };
}
