import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RunOptions } from '@knotwork/testing';

export { useClosedNetwork } from '@knotwork/testing';

export const SLACK_ORIGIN = 'https://slack.com';
export const WEBHOOK_ORIGIN = 'https://hooks.slack.com';
export const WEBHOOK_PATH = '/services/T00000000/B00000000/';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Slack's generic failure body: https://api.slack.com/web#responses */
export function slackError(code: string) {
  return { ok: false, error: code };
}

/** A unique secret shaped like a bot token, so it passes the credential's prefix check. */
export function canaryToken(): string {
  return `xoxb-${createCanary('token')}`;
}

/** A webhook URL whose secret part is a canary. */
export function canaryWebhookUrl(): { url: string; canary: string } {
  const canary = createCanary('webhook');
  return { url: `${WEBHOOK_ORIGIN}${WEBHOOK_PATH}${canary}`, canary };
}

// Each credential gets its own id, so its own rate-limit budget, as separately saved
// credentials would: tests in one file do not queue behind each other's requests.

export function botCredential(token: string = canaryToken()): InlineCredential {
  return { key: 'botToken', id: randomUUID(), data: { token } };
}

export function webhookCredential(url: string): InlineCredential {
  return { key: 'webhookUrl', id: randomUUID(), data: { url } };
}

export function oauthCredential(accessToken: string = canaryToken()): InlineCredential {
  return {
    key: 'oauth2',
    id: randomUUID(),
    data: { clientId: '3336676.569200954261', clientSecret: createCanary('client-secret') },
    token: { accessToken, tokenType: 'bot' },
  };
}
