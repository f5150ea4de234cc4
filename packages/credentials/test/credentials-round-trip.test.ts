import { describe, expect, it } from 'vitest';
import { demoCredentialTypes, WORKING_API_KEY } from './fixtures/demo-credential-types.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';

describe.each(storeBackends)('saved credentials on $name', (backend) => {
  it('saves, reads back, lists, updates and deletes a credential', async () => {
    let clock = Date.parse('2026-01-02T03:04:05.000Z');
    const manager = await openManager(backend.newSpace(), { now: () => clock });

    const saved = await manager.saveCredential({
      name: 'acme-demo',
      type: 'demo.apiKey',
      data: { apiKey: 'first-secret-key', workspace: 'acme' },
    });
    expect(saved).toMatchObject({
      name: 'acme-demo',
      type: 'demo.apiKey',
      service: 'demo',
      kind: 'apiKey',
      isValid: true,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
      lastUsedAt: null,
      lastError: null,
      lastTestedAt: null,
    });
    expect(saved.oauth).toBeUndefined();

    const byName = await manager.getCredential('acme-demo');
    expect(byName.data).toEqual({ apiKey: 'first-secret-key', workspace: 'acme' });
    expect((await manager.getCredential(saved.id)).summary.name).toBe('acme-demo');

    clock += 60_000;
    const updated = await manager.updateCredential('acme-demo', {
      name: 'acme-prod',
      data: { apiKey: 'second-secret-key' },
    });
    expect(updated).toMatchObject({
      id: saved.id,
      name: 'acme-prod',
      updatedAt: '2026-01-02T03:05:05.000Z',
    });
    // Fields left out of the update are kept.
    expect((await manager.getCredential(saved.id)).data).toEqual({
      apiKey: 'second-secret-key',
      workspace: 'acme',
    });

    expect((await manager.listCredentials()).map((summary) => summary.name)).toEqual(['acme-prod']);

    expect(await manager.deleteCredential('acme-prod')).toEqual({
      id: saved.id,
      name: 'acme-prod',
    });
    expect(await manager.listCredentials()).toEqual([]);
    expect((await rejectionOf(manager.getCredential(saved.id))).code).toBe('credential_not_found');
  });

  it('hands node runs the same frozen data until the credential changes', async () => {
    const manager = await openManager(backend.newSpace());
    const saved = await manager.saveCredential({
      name: 'run-data',
      type: 'demo.apiKey',
      data: { apiKey: 'first-secret-key', workspace: 'acme' },
    });

    const first = await manager.getCredentialForRun('run-data');
    const again = await manager.getCredentialForRun(saved.id);
    expect(again.data).toBe(first.data);
    expect(Object.isFrozen(first.data)).toBe(true);
    expect(() => {
      (first.data as Record<string, unknown>).apiKey = 'changed';
    }).toThrow(TypeError);

    await manager.updateCredential('run-data', { data: { apiKey: 'second-secret-key' } });
    const edited = await manager.getCredentialForRun('run-data');
    expect(edited.data).not.toBe(first.data);
    expect(edited.data).toEqual({ apiKey: 'second-secret-key', workspace: 'acme' });

    await manager.deleteCredential('run-data');
    expect((await rejectionOf(manager.getCredentialForRun(saved.id))).code).toBe(
      'credential_not_found',
    );
  });

  it('lists by type and by service, without secrets', async () => {
    const manager = await openManager(backend.newSpace());
    await manager.saveCredential({
      name: 'b-key',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-bbbbbbbb' },
    });
    await manager.saveCredential({
      name: 'a-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });

    const all = await manager.listCredentials();
    expect(all.map((summary) => summary.name)).toEqual(['a-app', 'b-key']);
    expect(all[0]!.oauth).toEqual({
      connected: false,
      expiresAt: null,
      scopes: null,
      hasRefreshToken: false,
    });
    expect(JSON.stringify(all)).not.toContain('secret-');
    expect(
      (await manager.listCredentials({ type: 'demo.apiKey' })).map((summary) => summary.name),
    ).toEqual(['b-key']);
    expect(await manager.listCredentials({ service: 'demo' })).toHaveLength(2);
    expect(await manager.listCredentials({ service: 'slack' })).toEqual([]);
  });

  it('refuses a second credential with a taken name, naming the existing one', async () => {
    const manager = await openManager(backend.newSpace());
    const first = await manager.saveCredential({
      name: 'shared',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const error = await rejectionOf(
      manager.saveCredential({
        name: 'shared',
        type: 'demo.apiKey',
        data: { apiKey: 'secret-22222222' },
      }),
    );
    expect(error.code).toBe('name_taken');
    expect(error.message).toContain('"shared"');
    expect(error.message).toContain(first.id);

    await manager.saveCredential({
      name: 'other',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-33333333' },
    });
    expect((await rejectionOf(manager.updateCredential('other', { name: 'shared' }))).code).toBe(
      'name_taken',
    );
  });

  it('answers an unknown name with the closest saved names', async () => {
    const manager = await openManager(backend.newSpace());
    await manager.saveCredential({
      name: 'slack-acme',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const error = await rejectionOf(manager.getCredential('slack-acm'));
    expect(error.code).toBe('credential_not_found');
    expect(error.service).toBe('credentials');
    expect(error.hint).toContain('Did you mean "slack-acme"?');
  });

  it('validates data on save and on update through the credential type', async () => {
    const manager = await openManager(backend.newSpace());
    const invalid = await rejectionOf(
      manager.saveCredential({ name: 'short', type: 'demo.apiKey', data: { apiKey: 'x' } }),
    );
    expect(invalid.code).toBe('invalid_input');
    expect(invalid.message).toContain('apiKey');

    const unknownType = await rejectionOf(
      manager.saveCredential({ name: 'nope', type: 'demo.missing', data: {} }),
    );
    expect(unknownType.code).toBe('unknown_credential_type');

    await manager.saveCredential({
      name: 'fine',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    const badUpdate = await rejectionOf(
      manager.updateCredential('fine', { data: { apiKey: 'y' } }),
    );
    expect(badUpdate.code).toBe('invalid_input');
    expect((await manager.getCredential('fine')).data.apiKey).toBe('secret-11111111');
  });

  it('tests a credential and records the outcome on it', async () => {
    const calls = { tested: [] };
    const clock = Date.parse('2026-03-01T00:00:00.000Z');
    const manager = await openManager(backend.newSpace(), {
      types: demoCredentialTypes(calls),
      now: () => clock,
    });
    await manager.saveCredential({
      name: 'good',
      type: 'demo.apiKey',
      data: { apiKey: WORKING_API_KEY },
    });
    await manager.saveCredential({
      name: 'bad',
      type: 'demo.apiKey',
      data: { apiKey: 'revoked-key-1234' },
    });

    expect(await manager.testCredential('good')).toEqual({
      ok: true,
      message: 'Connected to demo',
    });
    const failed = await manager.testCredential('bad');
    expect(failed.ok).toBe(false);
    // The provider quoted the key back; what is returned and recorded is masked.
    expect(failed.message).toBe('demo rejected the key [redacted]');

    const [bad, good] = await manager.listCredentials();
    expect(good).toMatchObject({
      isValid: true,
      lastError: null,
      lastTestedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(bad).toMatchObject({ isValid: false, lastTestedAt: '2026-03-01T00:00:00.000Z' });
    expect(bad!.lastError).toBe(
      'demo rejected the key [redacted] — Create a new key in the demo console.',
    );
  });

  it('records when a credential was last used', async () => {
    const manager = await openManager(backend.newSpace(), {
      now: () => Date.parse('2026-04-01T12:00:00.000Z'),
    });
    const saved = await manager.saveCredential({
      name: 'used',
      type: 'demo.apiKey',
      data: { apiKey: 'secret-11111111' },
    });
    expect(await manager.touch(saved.id)).toBe(true);
    expect((await manager.getCredential(saved.id)).summary.lastUsedAt).toBe(
      '2026-04-01T12:00:00.000Z',
    );
    expect(await manager.touch('no-such-id')).toBe(false);
  });

  it('keeps OAuth tokens, keeps the refresh token a refresh response leaves out, and shows the token state', async () => {
    const manager = await openManager(backend.newSpace());
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    expect(await manager.readTokens(app.id)).toBeUndefined();

    const expiresAt = Date.parse('2026-05-01T10:00:00.000Z');
    await manager.writeTokens(app.id, {
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      tokenType: 'Bearer',
      expiresAt,
      scope: 'read write',
    });
    expect(await manager.readTokens(app.id)).toEqual({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      tokenType: 'Bearer',
      expiresAt,
      scope: 'read write',
    });

    await manager.writeTokens(app.id, {
      accessToken: 'access-2',
      expiresAt: expiresAt + 3_600_000,
    });
    expect(await manager.readTokens(app.id)).toEqual({
      accessToken: 'access-2',
      refreshToken: 'refresh-1',
      tokenType: 'Bearer',
      expiresAt: expiresAt + 3_600_000,
      scope: 'read write',
    });

    const credential = await manager.getCredential('oauth-app');
    expect(credential.tokens?.accessToken).toBe('access-2');
    expect(credential.summary.oauth).toEqual({
      connected: true,
      expiresAt: '2026-05-01T11:00:00.000Z',
      scopes: 'read write',
      hasRefreshToken: true,
    });
  });

  it('marks a credential invalid with the reason, and valid again once new tokens arrive', async () => {
    const manager = await openManager(backend.newSpace());
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    await manager.writeTokens(app.id, {
      accessToken: 'access-token-1',
      refreshToken: 'refresh-token-1',
    });
    await manager.markInvalid(app.id, 'invalid_grant: refresh-token-1 was revoked');
    const [invalid] = await manager.listCredentials();
    expect(invalid).toMatchObject({
      isValid: false,
      lastError: 'invalid_grant: [redacted] was revoked',
    });

    await manager.writeTokens(app.id, {
      accessToken: 'access-token-2',
      refreshToken: 'refresh-token-2',
    });
    expect((await manager.listCredentials())[0]).toMatchObject({ isValid: true, lastError: null });
  });

  it('revokes the tokens through the given function before deleting', async () => {
    const manager = await openManager(backend.newSpace());
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    await manager.writeTokens(app.id, {
      accessToken: 'access-token-1',
      refreshToken: 'refresh-token-1',
    });
    const revoked: string[] = [];
    const result = await manager.deleteCredential('oauth-app', {
      revoke: async (tokens) => {
        revoked.push(tokens.refreshToken ?? tokens.accessToken);
        return true;
      },
    });
    expect(revoked).toEqual(['refresh-token-1']);
    expect(result).toEqual({ id: app.id, name: 'oauth-app', revoked: true });
    expect(await manager.listCredentials()).toEqual([]);
  });

  it('deletes even when revocation fails, and says why without the token', async () => {
    const manager = await openManager(backend.newSpace());
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    await manager.writeTokens(app.id, {
      accessToken: 'access-token-1',
      refreshToken: 'refresh-token-1',
    });
    const result = await manager.deleteCredential(app.id, {
      revoke: async () => {
        throw new Error('provider said no to refresh-token-1');
      },
    });
    expect(result).toEqual({
      id: app.id,
      name: 'oauth-app',
      revoked: false,
      revocationError: 'provider said no to [redacted]',
    });
    expect(await manager.listCredentials()).toEqual([]);
  });

  it('hands out a pending authorization once, and never after it expired', async () => {
    let clock = Date.parse('2026-06-01T00:00:00.000Z');
    const manager = await openManager(backend.newSpace(), { now: () => clock });
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    const pending = {
      credentialId: app.id,
      codeVerifier: 'verifier-abcdefghijklmnopqrstuvwxyz',
      redirectUri: 'http://127.0.0.1:5555/callback',
      expiresAt: clock + 600_000,
    };
    await manager.savePendingAuthorization('state-1', pending);
    await manager.savePendingAuthorization('state-2', { ...pending, expiresAt: clock + 1_000 });

    expect(await manager.takePendingAuthorization('state-1')).toEqual(pending);
    expect(await manager.takePendingAuthorization('state-1')).toBeUndefined();
    expect(await manager.takePendingAuthorization('never-issued')).toBeUndefined();

    clock += 2_000;
    expect(await manager.takePendingAuthorization('state-2')).toBeUndefined();
  });

  it('drops pending authorizations and tokens with their credential', async () => {
    const manager = await openManager(backend.newSpace());
    const app = await manager.saveCredential({
      name: 'oauth-app',
      type: 'demo.oauthApp',
      data: { clientId: 'client', clientSecret: 'secret-aaaaaaaa' },
    });
    await manager.writeTokens(app.id, { accessToken: 'access-token-1' });
    await manager.savePendingAuthorization('state-1', {
      credentialId: app.id,
      redirectUri: 'http://127.0.0.1/callback',
      expiresAt: Date.now() + 60_000,
    });
    await manager.deleteCredential(app.id);
    expect(await manager.takePendingAuthorization('state-1')).toBeUndefined();
    expect(await manager.store.encryptedCells()).toEqual([]);
  });
});
