import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '@knotwork/host';
import { defineCredential, definePlugin, secret, z } from '@knotwork/sdk';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CredentialsManager,
  credentialTypesFromHost,
  generateMasterKey,
  MemoryKeySource,
  OAuthConnections,
} from '../src/index.js';

/**
 * Reconnecting a saved OAuth2 credential whose grant is gone: the sign-in starts from the
 * client id and secret the credential already holds, so whoever reconnects (the studio's
 * browser) never needs the secret.
 */
const REDIRECT_URI = 'http://127.0.0.1:5678/oauth/callback';
let provider: FakeOAuthProvider;
let manager: CredentialsManager;
let connections: OAuthConnections;

beforeAll(async () => {
  provider = await startFakeOAuthProvider();
  const account = defineCredential({
    key: 'account',
    displayName: 'Fake account',
    kind: 'oauth2',
    schema: z.object({ clientId: z.string(), clientSecret: secret() }),
    oauth: { provider: provider.provider.key },
    test: async () => ({ ok: true, message: 'ok' }),
  });
  const apiKey = defineCredential({
    key: 'apiKey',
    displayName: 'Fake API key',
    kind: 'apiKey',
    schema: z.object({ key: secret() }),
    test: async () => ({ ok: true, message: 'ok' }),
  });
  const host = await createHost({
    definitions: [
      definePlugin({
        name: 'fakeapp',
        displayName: 'Fake app',
        description: 'x',
        categories: [],
        credentials: [account, apiKey],
        oauthProviders: [provider.provider],
        nodes: [],
      }),
    ],
  });
  const types = credentialTypesFromHost(host);
  manager = await CredentialsManager.open({
    home: await mkdtemp(join(tmpdir(), 'knotwork-oauth-reconnect-')),
    types,
    keySource: new MemoryKeySource([generateMasterKey()]),
    env: {},
  });
  connections = new OAuthConnections(manager, types);
});
afterAll(async () => {
  await manager.close();
  await provider.close();
});

describe('reconnecting a saved OAuth2 credential', () => {
  test('signs in again with the saved client and replaces the revoked tokens', async () => {
    const saved = await manager.saveCredential({
      name: 'revoked-account',
      type: 'fakeapp.account',
      data: { clientId: provider.clientId, clientSecret: provider.clientSecret },
    });
    const first = await connections.start({
      name: 'revoked-account',
      type: 'fakeapp.account',
      data: { clientId: provider.clientId, clientSecret: provider.clientSecret },
      redirectUri: REDIRECT_URI,
    });
    await connections.complete(saved.id, await provider.approve(first.url));
    const revoked = (await manager.getCredential(saved.id)).tokens;
    provider.revokeAll();

    const again = await connections.restart(saved.id, REDIRECT_URI);
    expect(again.credential.id).toBe(saved.id);
    const sent = new URL(again.url).searchParams;
    expect(sent.get('client_id')).toBe(provider.clientId);
    expect(sent.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(sent.get('state')).toBe(again.state);
    // Until the new sign-in completes, the credential keeps what it had.
    expect((await manager.getCredential(saved.id)).tokens).toEqual(revoked);

    const before = provider.tokenRequests.authorization_code;
    await connections.complete(saved.id, await provider.approve(again.url));
    expect(provider.tokenRequests.authorization_code - before).toBe(1);
    const reconnected = await manager.getCredential(saved.id);
    expect(reconnected.tokens?.accessToken).toEqual(expect.any(String));
    expect(reconnected.tokens?.accessToken).not.toBe(revoked?.accessToken);
    expect(reconnected.data).toEqual({
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    });
    const resource = await fetch(provider.resourceUrl, {
      headers: { authorization: `Bearer ${reconnected.tokens?.accessToken}` },
    });
    expect(resource.status).toBe(200);
  });

  test('finds the credential by name too', async () => {
    await manager.saveCredential({
      name: 'by-name',
      type: 'fakeapp.account',
      data: { clientId: provider.clientId, clientSecret: provider.clientSecret },
    });
    const again = await connections.restart('by-name', REDIRECT_URI);
    expect(again.credential.name).toBe('by-name');
  });

  test('refuses a credential that is not OAuth2, saying so', async () => {
    const saved = await manager.saveCredential({
      name: 'plain-key',
      type: 'fakeapp.apiKey',
      data: { key: 'k' },
    });
    await expect(connections.restart(saved.id, REDIRECT_URI)).rejects.toMatchObject({
      code: 'not_oauth',
    });
  });

  test('an unknown credential is credential_not_found', async () => {
    await expect(connections.restart('no-such-credential', REDIRECT_URI)).rejects.toMatchObject({
      code: 'credential_not_found',
    });
  });
});
