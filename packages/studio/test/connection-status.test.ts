import type { CredentialSummary } from '@knotwork/credentials';
import { describe, expect, test } from 'vitest';
import { credentialStatus, pluginStatus } from '../src/server/connection-status.js';

const now = Date.parse('2026-01-01T12:00:00Z');
const base: CredentialSummary = {
  id: 'id',
  name: 'name',
  type: 'slack.botToken',
  service: 'slack',
  kind: 'apiKey',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastUsedAt: null,
  isValid: true,
  lastError: null,
  lastTestedAt: null,
};
const oauth = (
  change: Partial<NonNullable<CredentialSummary['oauth']>>,
  isValid = true,
): CredentialSummary => ({
  ...base,
  kind: 'oauth2',
  type: 'slack.oauth2',
  isValid,
  oauth: { connected: true, expiresAt: null, scopes: null, hasRefreshToken: false, ...change },
});

describe('a credential’s status', () => {
  test('an API key that has not failed is connected; one whose test failed is failing', () => {
    expect(credentialStatus(base, now)).toBe('connected');
    expect(credentialStatus({ ...base, isValid: false, lastError: '401' }, now)).toBe('failing');
  });

  test('an OAuth credential past expiry with no refresh token is expired', () => {
    expect(credentialStatus(oauth({ expiresAt: '2026-01-01T11:00:00Z' }), now)).toBe('expired');
  });

  test('past expiry but refreshable, or not yet expired, it is connected', () => {
    const past = '2026-01-01T11:00:00Z';
    expect(credentialStatus(oauth({ expiresAt: past, hasRefreshToken: true }), now)).toBe(
      'connected',
    );
    expect(credentialStatus(oauth({ expiresAt: '2026-01-01T13:00:00Z' }), now)).toBe('connected');
  });

  test('an OAuth credential never connected is not set up; one whose refresh failed is failing', () => {
    expect(credentialStatus(oauth({ connected: false }), now)).toBe('not_set_up');
    expect(credentialStatus(oauth({ hasRefreshToken: true }, false), now)).toBe('failing');
  });
});

describe('a plugin’s status', () => {
  test('nothing saved, or nothing connected yet, is not set up', () => {
    expect(pluginStatus([], now)).toBe('not_set_up');
    expect(pluginStatus([oauth({ connected: false })], now)).toBe('not_set_up');
  });

  test('one good credential among bad ones makes it connected', () => {
    expect(pluginStatus([{ ...base, isValid: false }, base], now)).toBe('connected');
  });

  test('expired wins over failing when nothing is connected', () => {
    expect(
      pluginStatus(
        [{ ...base, isValid: false }, oauth({ expiresAt: '2026-01-01T11:00:00Z' })],
        now,
      ),
    ).toBe('expired');
    expect(pluginStatus([{ ...base, isValid: false }], now)).toBe('failing');
  });
});
