import { assertNoCanary, nock, recordRequests, testCredential } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  expectNotionHeaders,
  fixture,
  NOTION_ORIGIN,
  notionError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

describe('Notion internal integration: Test connection', () => {
  test('calls GET /v1/users/me and names the bot and its workspace, then reminds to share pages', async () => {
    const token = canaryToken();
    const scope = nock(NOTION_ORIGIN)
      .get('/v1/users/me')
      .reply(200, fixture('users-me-workspace-bot.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, { key: 'internalIntegration', data: { token } });

    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      "Connected to Notion as knotwork in workspace Ada's Notion Workspace.",
    );
    expect(result.hint).toContain('Connections');
    expect(requests).toHaveLength(1);
    expectNotionHeaders(requests[0], token);
    assertNoCanary(token, { result });
  });

  test("names the user who connected a public integration's bot", async () => {
    nock(NOTION_ORIGIN).get('/v1/users/me').reply(200, fixture('users-me-bot.json'));

    const result = await testCredential(plugin, {
      key: 'internalIntegration',
      data: { token: canaryToken() },
    });

    expect(result.message).toBe(
      'Connected to Notion as pied piper (connected by christine makenotion).',
    );
  });

  test('recognises a personal access token, which acts as its person', async () => {
    nock(NOTION_ORIGIN).get('/v1/users/me').reply(200, {
      object: 'user',
      id: '5389a034-eb5c-47b5-8a9e-f79c99ef166c',
      name: 'Ada Lovelace',
      type: 'person',
      person: {},
    });

    const result = await testCredential(plugin, {
      key: 'internalIntegration',
      data: { token: canaryToken() },
    });

    expect(result).toMatchObject({
      ok: true,
      message: 'Connected to Notion as Ada Lovelace (a personal access token).',
    });
    expect(result.hint).toBeUndefined();
  });

  test('fails with the unauthorized hint for a wrong secret', async () => {
    const token = canaryToken();
    nock(NOTION_ORIGIN).get('/v1/users/me').reply(401, notionError('unauthorized'));

    const result = await testCredential(plugin, { key: 'internalIntegration', data: { token } });

    expect(result.ok).toBe(false);
    expect(result.message).toBe('notion answered 401 (unauthorized): API token is invalid.');
    expect(result.hint).toContain('Internal Integration Secret');
    assertNoCanary(token, { result });
  });

  test('refuses a secret pasted with "Bearer" in front and names the field', async () => {
    const result = await testCredential(plugin, {
      key: 'internalIntegration',
      data: { token: `Bearer ${canaryToken()}` },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('token');
    expect(result.hint).toBe('Fix "credential.token" and run again.');
  });
});

describe('Notion OAuth2: Test connection', () => {
  test('calls GET /v1/users/me with the access token', async () => {
    const accessToken = canaryToken();
    const scope = nock(NOTION_ORIGIN).get('/v1/users/me').reply(200, fixture('users-me-bot.json'));
    const requests = recordRequests(scope);

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: { clientId: '463558a3-725e-4f37-b6d3-0889894f68de', clientSecret: 'unused-here' },
      token: { accessToken, tokenType: 'bearer' },
    });

    expect(result.ok).toBe(true);
    expectNotionHeaders(requests[0], accessToken);
  });
});
