import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanary, type RunOptions } from '@knotwork/testing';

export { useClosedNetwork } from '@knotwork/testing';

export const X_ORIGIN = 'https://api.x.com';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** A payload from test/fixtures (see SOURCES.md there for where each comes from). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

// Each credential gets its own id, so its own rate-limit budget, as separately saved
// credentials would.

export function oauthCredential(
  accessToken: string = createCanary('access-token'),
): InlineCredential {
  return {
    key: 'oauth2',
    id: randomUUID(),
    data: {
      clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ',
      clientSecret: createCanary('client-secret'),
    },
    token: {
      accessToken,
      tokenType: 'bearer',
      scope: 'tweet.read tweet.write users.read offline.access',
    },
  };
}

export function bearerCredential(token: string = createCanary('bearer-token')): InlineCredential {
  return { key: 'appBearerToken', id: randomUUID(), data: { token } };
}

/** Epoch seconds, as X's x-rate-limit-reset carries them. */
export function epochSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
