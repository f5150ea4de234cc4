import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RecordedRequest, type RunOptions } from '@knotwork/testing';
import { expect } from 'vitest';

export { useClosedNetwork } from '@knotwork/testing';

export const NOTION_ORIGIN = 'https://api.notion.com';

/** The database and page of Notion's own examples ("Tuscan kale" in a grocery list). */
export const DATABASE_ID = 'd9824bdc-8445-4327-be8b-5b47500af6ce';
export const PAGE_ID = '59833787-2cf9-4fdf-8782-e53db20768a5';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Notion's error body for a documented code, from fixtures/errors.json. */
export function notionError(code: string): Record<string, unknown> {
  const errors = fixture<Record<string, Record<string, unknown>>>('errors.json');
  const body = errors[code];
  if (!body) throw new Error(`fixtures/errors.json has no "${code}"`);
  return body;
}

/** A unique secret shaped like an internal integration secret. */
export function canaryToken(): string {
  return `ntn_${createCanary('token')}`;
}

// Each credential gets its own id, so its own rate-limit budget (3 requests a second), as
// separately saved credentials would: tests do not queue behind each other's requests.

export function integrationCredential(token: string = canaryToken()): InlineCredential {
  return { key: 'internalIntegration', id: randomUUID(), data: { token } };
}

export function oauthCredential(accessToken: string = canaryToken()): InlineCredential {
  return {
    key: 'oauth2',
    id: randomUUID(),
    data: {
      clientId: '463558a3-725e-4f37-b6d3-0889894f68de',
      clientSecret: createCanary('client-secret'),
    },
    token: { accessToken, tokenType: 'bearer' },
  };
}

/** Every Notion request carries the token and the pinned API version. */
export function expectNotionHeaders(request: RecordedRequest | undefined, token: string): void {
  expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  expect(request?.headers['notion-version']).toBe('2022-06-28');
}
