import { defineCredential, type OAuthTokenSet, secret, z } from '@knotwork/sdk';
import { describe, expect, test } from 'vitest';
import { type CredentialTypeSource, credentialTypesFromHost } from '../src/index.js';

const account = defineCredential({
  key: 'account',
  displayName: 'Account',
  kind: 'apiKey',
  schema: z.object({ apiKey: secret() }),
  test: async () => ({ ok: true, message: 'ok' }),
});

/** A stand-in host: records what the adapter hands to testCredential. */
function fakeHost(seen: Array<{ token?: OAuthTokenSet }>): CredentialTypeSource {
  return {
    credentialType: (type) => {
      if (type !== 'demo.account') throw new Error(`unknown ${type}`);
      return {
        type,
        key: 'account',
        displayName: 'Account',
        kind: 'apiKey',
        schema: {},
        secretFields: ['apiKey'],
        authentication: 'none',
      };
    },
    oauthProviders: () => [],
    validateCredential: async (_type, data) => account.schema.parse(data),
    testCredential: async (credential) => {
      seen.push(credential);
      return { ok: true, message: 'tested' };
    },
  };
}

describe('credentialTypesFromHost', () => {
  test('describes and validates through the host', async () => {
    const types = credentialTypesFromHost(fakeHost([]));
    expect(types.describe('demo.account').secretFields).toEqual(['apiKey']);
    await expect(types.validate('demo.account', {})).rejects.toThrow();
    await expect(types.validate('demo.account', { apiKey: 'abcd' })).resolves.toEqual({
      apiKey: 'abcd',
    });
  });

  test('an OAuth provider no plugin declares is a named error with a hint', () => {
    const types = credentialTypesFromHost(fakeHost([]));
    expect(() => types.provider('acme')).toThrow(
      expect.objectContaining({ code: 'unknown_oauth_provider', hint: expect.any(String) }),
    );
  });

  test('a credential test gets the access token, never the refresh token', async () => {
    const seen: Array<{ token?: OAuthTokenSet }> = [];
    const types = credentialTypesFromHost(fakeHost(seen));
    await types.test(
      'demo.account',
      { apiKey: 'abcd' },
      {
        accessToken: 'access',
        refreshToken: 'refresh',
        expiresAt: 1,
      },
    );
    expect(seen[0]?.token).toEqual({ accessToken: 'access', expiresAt: 1 });
  });
});
