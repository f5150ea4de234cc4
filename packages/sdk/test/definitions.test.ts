import { describe, expect, test } from 'vitest';
import {
  type CredentialDefinition,
  defineCredential,
  defineNode,
  defineOAuthProvider,
  definePlugin,
  field,
  type OAuthProviderInput,
  secret,
  secretPathsOf,
  z,
} from '../src/index.js';

const google: OAuthProviderInput = {
  key: 'google',
  displayName: 'Google',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  scopes: { sheets: ['https://www.googleapis.com/auth/spreadsheets'] },
};

function thrownMessage(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected a TypeError');
}

describe('defineOAuthProvider', () => {
  test('fills in the usual defaults', () => {
    const provider = defineOAuthProvider(google);

    expect(provider.pkce).toBe('S256');
    expect(provider.scopeSeparator).toBe(' ');
    expect(provider.scopeParam).toBe('scope');
    expect(provider.clientAuthentication).toBe('body');
    expect(provider.defaultScopes).toEqual([]);
    expect(provider.refreshTokens).toBe(true);
    expect(provider.expiryBufferSeconds).toBe(300);
    expect(provider.expirySignal).toEqual({ statuses: [401] });
    expect(provider.tokenPaths.accessToken).toBe('access_token');
  });

  test('rejects a bad URL, naming the key', () => {
    const message = thrownMessage(() =>
      defineOAuthProvider({ ...google, tokenUrl: 'oauth2.googleapis.com/token' }),
    );

    expect(message).toContain('OAuth provider "google" is invalid');
    expect(message).toContain('tokenUrl');
    expect(message).not.toContain('authorizationUrl');
  });

  test('rejects a misspelt key, naming it', () => {
    const message = thrownMessage(() =>
      defineOAuthProvider({ ...google, scopeSeperator: ',' } as unknown as OAuthProviderInput),
    );

    expect(message).toContain('scopeSeperator');
  });

  test('rejects a value outside the allowed set, naming the key', () => {
    const message = thrownMessage(() =>
      defineOAuthProvider({ ...google, pkce: 'S512' } as unknown as OAuthProviderInput),
    );

    expect(message).toMatch(/pkce: /);
  });

  test('rejects an uppercase provider key', () => {
    const message = thrownMessage(() => defineOAuthProvider({ ...google, key: 'Google' }));

    expect(message).toMatch(/key: lowercase letters, digits and dashes/);
  });
});

describe('defineCredential and defineNode', () => {
  const test_ = async () => ({ ok: true, message: 'ok' });

  test('a credential key must be camelCase', () => {
    for (const key of ['bot-token', 'BotToken', '1token', '']) {
      expect(() =>
        defineCredential({
          key,
          displayName: 'x',
          kind: 'apiKey',
          schema: z.object({}),
          test: test_,
        }),
      ).toThrow(`Credential key "${key}" must be camelCase letters and digits`);
    }
  });

  test('an oauth2 credential must name its provider', () => {
    expect(() =>
      defineCredential({
        key: 'oauth',
        displayName: 'x',
        kind: 'oauth2',
        schema: z.object({}),
        test: test_,
      }),
    ).toThrow('Credential "oauth" is oauth2 but names no oauth provider');
  });

  test('a node key must be camelCase', () => {
    expect(() =>
      defineNode({
        key: 'send_message',
        kind: 'action',
        displayName: 'x',
        description: 'x',
        input: z.object({}),
        output: z.object({}),
        run: async () => ({}),
      }),
    ).toThrow('Node key "send_message" must be camelCase letters and digits');
  });

  test('a node needs a run, poll or webhook function', () => {
    expect(() =>
      defineNode({
        key: 'noop',
        kind: 'action',
        displayName: 'x',
        description: 'x',
        input: z.object({}),
        output: z.object({}),
      } as unknown as Parameters<typeof defineNode>[0]),
    ).toThrow('Node "noop" has no run, poll or webhook function');
  });
});

describe('definePlugin', () => {
  const token = defineCredential({
    key: 'apiToken',
    displayName: 'API token',
    kind: 'apiKey',
    schema: z.object({ token: secret() }),
    test: async () => ({ ok: true, message: 'ok' }),
  });
  const stray = defineCredential({
    key: 'stray',
    displayName: 'Not in the plugin',
    kind: 'apiKey',
    schema: z.object({ token: secret() }),
    test: async () => ({ ok: true, message: 'ok' }),
  });
  const oauth = defineCredential({
    key: 'oauth',
    displayName: 'OAuth',
    kind: 'oauth2',
    oauth: { provider: 'microsoft' },
    schema: z.object({}),
    test: async () => ({ ok: true, message: 'ok' }),
  });
  const node = (key: string, credentials: readonly CredentialDefinition[] = []) =>
    defineNode({
      key,
      kind: 'action',
      displayName: key,
      description: key,
      credentials,
      input: z.object({}),
      output: z.object({}),
      run: async () => ({}),
    });

  test('reports every problem at once', () => {
    const message = thrownMessage(() =>
      definePlugin({
        name: 'acme',
        displayName: 'Acme',
        description: 'x',
        categories: [],
        credentials: [token, oauth],
        oauthProviders: [defineOAuthProvider(google)],
        nodes: [node('send'), node('send'), node('list', [stray])],
      }),
    );

    expect(message).toContain('Plugin "acme" is invalid');
    expect(message).toContain('node key "send" is declared twice');
    expect(message).toContain(
      `node "list" accepts credential "stray", which is not in the plugin's credentials`,
    );
    expect(message).toContain(
      `credential "oauth" uses OAuth provider "microsoft", which the plugin does not declare`,
    );
    expect(message.split('\n- ')).toHaveLength(4);
  });

  test('names a bad plugin name, a twice-declared credential and a bad policy', () => {
    const message = thrownMessage(() =>
      definePlugin({
        name: 'Acme_CRM',
        displayName: 'Acme',
        description: 'x',
        categories: [],
        credentials: [token, token],
        nodes: [node('send', [token])],
        policy: { retry: { maxAttempts: 0 } },
      }),
    );

    expect(message).toContain('name "Acme_CRM" must be lowercase letters, digits and dashes');
    expect(message).toContain('credential key "apiToken" is declared twice');
    expect(message).toMatch(/policy is invalid: .*maxAttempts/s);
  });

  test('a node that requires a credential must accept one', () => {
    const message = thrownMessage(() =>
      definePlugin({
        name: 'acme',
        displayName: 'Acme',
        description: 'x',
        categories: [],
        nodes: [
          defineNode({
            key: 'send',
            kind: 'action',
            displayName: 'x',
            description: 'x',
            credentialRequired: true,
            input: z.object({}),
            output: z.object({}),
            run: async () => ({}),
          }),
        ],
      }),
    );

    expect(message).toContain('node "send" requires a credential but accepts none');
  });

  test('a valid plugin gets a resolved policy with defaults', () => {
    const plugin = definePlugin({
      name: 'acme',
      displayName: 'Acme',
      description: 'x',
      categories: ['crm'],
      credentials: [token],
      nodes: [node('send', [token])],
      policy: { retry: { maxAttempts: 2 } },
    });

    expect(plugin.__knotwork).toBe('plugin');
    expect(plugin.oauthProviders).toEqual([]);
    expect(plugin.policy.retry.maxAttempts).toBe(2);
    expect(plugin.policy.retry.statuses).toEqual([408, 425, 429, 500, 502, 503, 504]);
    expect(plugin.policy.timeoutMs).toBe(30_000);
  });
});

describe('secretPathsOf', () => {
  test('finds secrets at the top, inside objects and inside the objects of a list', () => {
    const schema = z
      .object({
        user: z.string(),
        token: secret().optional(),
        account: z.object({ email: z.string(), key: secret() }).optional(),
        keys: z.array(z.object({ id: z.string(), value: secret() })),
        signing: field(z.object({ kid: z.string() }), { secret: true }),
      })
      .superRefine(() => {});

    expect(secretPathsOf(schema)).toEqual([
      ['token'],
      ['account', 'key'],
      ['keys', 'value'],
      ['signing'],
    ]);
  });

  test('a schema without secrets has no paths', () => {
    expect(secretPathsOf(z.object({ host: z.string(), port: z.number().default(5432) }))).toEqual(
      [],
    );
  });
});
