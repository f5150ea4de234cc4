import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RecordedRequest, type RunOptions } from '@knotwork/testing';
import { expect } from 'vitest';

export { useClosedNetwork } from '@knotwork/testing';

export const GITHUB_ORIGIN = 'https://api.github.com';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** One documented error body from fixtures/errors.json. */
export function githubError(name: string): Record<string, unknown> {
  const errors = fixture<Record<string, Record<string, unknown>>>('errors.json');
  const body = errors[name];
  if (!body) throw new Error(`fixtures/errors.json has no "${name}"`);
  return body;
}

/** A unique secret shaped like a fine-grained token. */
export function canaryToken(): string {
  return `github_pat_${createCanary('token')}`;
}

// Each credential gets its own id, so its own rate-limit budget (one POST a second), as
// separately saved credentials would: tests do not queue behind each other's requests.

export function tokenCredential(token: string = canaryToken(), baseUrl?: string): InlineCredential {
  return {
    key: 'personalAccessToken',
    id: randomUUID(),
    data: { token, ...(baseUrl ? { baseUrl } : {}) },
  };
}

export function oauthCredential(accessToken: string = canaryToken()): InlineCredential {
  return {
    key: 'oauth2',
    id: randomUUID(),
    data: { clientId: 'Ov23liAbCdEfGhIjKlMn', clientSecret: createCanary('client-secret') },
    token: { accessToken, tokenType: 'bearer', scope: 'repo' },
  };
}

/** The headers GitHub asks every REST client to send, and the token. */
export function expectGitHubHeaders(request: RecordedRequest | undefined, token: string): void {
  expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  expect(request?.headers.accept).toBe('application/vnd.github+json');
  expect(request?.headers['x-github-api-version']).toBe('2022-11-28');
  expect(request?.headers['user-agent']).toMatch(/^knotwork\//);
}

/** x-ratelimit-* headers of a refused request whose hourly window resets `inSeconds` from now. */
export function exhaustedPrimaryLimit(inSeconds: number): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-resource': 'core',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + inSeconds),
  };
}
