import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '@knotwork/host';
import { defineCredential, defineNode, definePlugin, secret, z } from '@knotwork/sdk';
import { createCanary, type FakeOAuthProvider, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CredentialsManager,
  type CredentialTypes,
  credentialResolver,
  credentialTypesFromHost,
  generateMasterKey,
  MemoryKeySource,
  OAuthConnections,
} from '../src/index.js';

/**
 * The whole path a run takes: a host executing a node with a saved OAuth2 credential,
 * resolved through the manager (SQLite on disk), refreshed through the OAuth module
 * against a real (fake) authorization server on loopback.
 */
let provider: FakeOAuthProvider;
let home: string;
const keySource = new MemoryKeySource([generateMasterKey()]);

function pluginFor(fake: FakeOAuthProvider) {
  const account = defineCredential({
    key: 'account',
    displayName: 'Fake account',
    kind: 'oauth2',
    schema: z.object({ clientId: z.string(), clientSecret: secret() }),
    oauth: { provider: fake.provider.key },
    test: async (ctx) => {
      await ctx.http.request({ url: fake.resourceUrl });
      return { ok: true, message: 'ok' };
    },
  });
  const whoami = defineNode({
    key: 'whoami',
    kind: 'action',
    displayName: 'Who am I',
    description: 'Reads the protected resource',
    credentials: [account],
    input: z.object({}),
    output: z.object({ status: z.number() }),
    run: async (ctx) => ({ status: (await ctx.http.request({ url: fake.resourceUrl })).status }),
  });
  return definePlugin({
    name: 'fakeapp',
    displayName: 'Fake app',
    description: 'x',
    categories: [],
    credentials: [account],
    oauthProviders: [fake.provider],
    nodes: [whoami],
  });
}

/** One "process": its own host, manager and OAuth module over the shared store. */
async function openProcess(): Promise<{ host: Host; manager: CredentialsManager }> {
  let resolve: ReturnType<typeof credentialResolver> | undefined;
  const host = await createHost({
    definitions: [pluginFor(provider)],
    credentialResolver: (reference) => resolve!(reference),
  });
  // The adapter the CLI and the studio use: a Host fits its structural interface as it is.
  const types: CredentialTypes = credentialTypesFromHost(host);
  const manager = await CredentialsManager.open({ home, types, keySource, env: {} });
  resolve = credentialResolver(manager, new OAuthConnections(manager, types));
  return { host, manager };
}

beforeAll(async () => {
  provider = await startFakeOAuthProvider();
  home = await mkdtemp(join(tmpdir(), 'knotwork-host-integration-'));
  const { manager } = await openProcess();
  const saved = await manager.saveCredential({
    name: 'fake-account',
    type: 'fakeapp.account',
    data: { clientId: provider.clientId, clientSecret: provider.clientSecret },
  });
  const issued = provider.issueTokens({ expiresInSeconds: 3600 });
  await manager.writeTokens(saved.id, {
    accessToken: issued.accessToken,
    ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
    expiresAt: Date.now() + 3_600_000,
  });
  await manager.close();
});
afterAll(() => provider.close());

describe('a saved OAuth2 credential in node runs', () => {
  test('100 concurrent runs sharing an expired token make exactly one refresh request', async () => {
    const { host, manager } = await openProcess();
    provider.expireAccessTokens();
    const before = provider.tokenRequests.refresh_token;
    const outputs = await Promise.all(
      Array.from({ length: 100 }, () =>
        host.execute('fakeapp.whoami', {}, { credential: 'fake-account' }),
      ),
    );
    expect(outputs.every((output) => (output as { status: number }).status === 200)).toBe(true);
    expect(provider.tokenRequests.refresh_token - before).toBe(1);
    await manager.close();
  });

  test('two processes sharing the store refresh once between them', async () => {
    const first = await openProcess();
    const second = await openProcess();
    provider.expireAccessTokens();
    const before = provider.tokenRequests.refresh_token;
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).host.execute(
          'fakeapp.whoami',
          {},
          { credential: 'fake-account' },
        ),
      ),
    );
    expect(runs).toHaveLength(20);
    expect(provider.tokenRequests.refresh_token - before).toBe(1);
    await first.manager.close();
    await second.manager.close();
  });

  test('a revoked grant fails the run with "reconnect" and marks the credential failing', async () => {
    const { host, manager } = await openProcess();
    provider.revokeAll();
    await expect(
      host.execute('fakeapp.whoami', {}, { credential: 'fake-account' }),
    ).rejects.toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringMatching(/connect/),
    });
    const [summary] = await manager.listCredentials();
    expect(summary?.isValid).toBe(false);
    await expect(
      host.execute('fakeapp.whoami', {}, { credential: 'fake-account' }),
    ).rejects.toMatchObject({
      code: 'reconnect_required',
    });
    await manager.close();
  });
});

describe('canary secrets through the whole path', () => {
  test('a client secret is absent from the database files, errors and results', async () => {
    const { host, manager } = await openProcess();
    const canary = createCanary('client-secret');
    await manager.saveCredential({
      name: 'canary-account',
      type: 'fakeapp.account',
      data: { clientId: 'someone', clientSecret: canary },
    });
    // Not connected yet: the run fails, and its error must not carry the secret.
    const error = await host
      .execute('fakeapp.whoami', {}, { credential: 'canary-account' })
      .catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain(canary);
    expect(String((error as Error).message)).not.toContain(canary);
    const listed = await manager.listCredentials();
    expect(JSON.stringify(listed)).not.toContain(canary);
    const files = await readdir(home);
    for (const file of files) {
      expect((await readFile(join(home, file))).includes(canary), file).toBe(false);
    }
    await manager.close();
  });
});
