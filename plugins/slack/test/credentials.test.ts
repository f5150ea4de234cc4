import { assertNoCanary, createCanary, hostFor, nock, recordRequests } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  canaryWebhookUrl,
  fixture,
  SLACK_ORIGIN,
  slackError,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const AUTH_TEST = '/api/auth.test';

describe('Slack bot token: Test connection', () => {
  test('calls auth.test with the token and reports the workspace and user', async () => {
    const token = canaryToken();
    const scope = nock(SLACK_ORIGIN).post(AUTH_TEST).reply(200, fixture('auth-test-ok.json'));
    const requests = recordRequests(scope);

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token },
    });

    expect(result).toEqual({
      ok: true,
      message: 'Connected to workspace Subarachnoid Workspace as grace',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    assertNoCanary(token, { result });
  });

  test('says it is a bot when auth.test returns a bot_id', async () => {
    nock(SLACK_ORIGIN)
      .post(AUTH_TEST)
      .reply(200, { ...fixture('auth-test-ok.json'), user: 'knotwork', bot_id: 'B19LU7CSY' });

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token: canaryToken() },
    });

    expect(result.message).toBe('Connected to workspace Subarachnoid Workspace as knotwork (bot)');
  });

  test('uses the base URL override', async () => {
    const scope = nock('https://slack.example.test')
      .post('/proxy/api/auth.test')
      .reply(200, fixture('auth-test-ok.json'));
    const requests = recordRequests(scope);

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token: canaryToken(), baseUrl: 'https://slack.example.test/proxy/api' },
    });

    expect(result.ok).toBe(true);
    expect(requests[0]?.url).toBe('https://slack.example.test/proxy/api/auth.test');
  });

  test('fails with the hint for invalid_auth', async () => {
    const token = canaryToken();
    nock(SLACK_ORIGIN).post(AUTH_TEST).reply(200, slackError('invalid_auth'));

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('invalid_auth');
    expect(result.hint).toContain(
      "copy the Bot User OAuth Token again from the app's OAuth & Permissions page",
    );
    assertNoCanary(token, { result });
  });

  test.each([
    ['an app-level token', 'xapp-1-A0KRD7HC3-1234'],
    ['a refresh token', 'xoxe-1-abcdefghijkl'],
    ['a token without prefix', 'pdFZKVeTuE8sk7oOcBrzbqgy'],
  ])('refuses %s and names the prefixes it expects', async (_kind, token) => {
    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('token:');
    expect(result.message).toContain('xoxb- (bot), xoxp- (user) or xoxe. (rotating)');
    expect(result.hint).toBe('Fix "credential.token" and run again.');
    assertNoCanary(token, { result });
  });

  test('accepts a token pasted with surrounding whitespace', async () => {
    const token = canaryToken();
    const scope = nock(SLACK_ORIGIN).post(AUTH_TEST).reply(200, fixture('auth-test-ok.json'));
    const requests = recordRequests(scope);

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.botToken',
      data: { token: ` ${token}\n` },
    });

    expect(result.ok).toBe(true);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });
});

describe('Slack incoming webhook: Test connection', () => {
  test('checks the URL shape and says honestly that it posted nothing', async () => {
    const { url, canary } = canaryWebhookUrl();

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.webhookUrl',
      data: { url },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('It was not called');
    expect(result.hint).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
    assertNoCanary(canary, { result });
  });

  test('accepts another https URL (a proxy) but points at the usual address', async () => {
    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.webhookUrl',
      data: { url: `https://relay.example.test/slack/${createCanary()}` },
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain('not a hooks.slack.com/services/… address');
    expect(result.hint).toContain('Incoming Webhooks page');
  });

  test('refuses something that is not a URL and names the field', async () => {
    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.webhookUrl',
      data: { url: 'hooks.slack.com/services/T00000000/B00000000/XXXX' },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('url: Give the full webhook URL, starting https://');
  });
});

describe('Slack OAuth2: Test connection', () => {
  test('calls auth.test with the stored access token', async () => {
    const accessToken = canaryToken();
    const clientSecret = createCanary('client-secret');
    const scope = nock(SLACK_ORIGIN).post(AUTH_TEST).reply(200, fixture('auth-test-ok.json'));
    const requests = recordRequests(scope);

    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.oauth2',
      data: { clientId: '3336676.569200954261', clientSecret },
      token: { accessToken, tokenType: 'bot' },
    });

    expect(result).toEqual({
      ok: true,
      message: 'Connected to workspace Subarachnoid Workspace as grace',
    });
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    assertNoCanary(clientSecret, { result, requests });
  });

  test('says to connect first when there is no token yet', async () => {
    const result = await (await hostFor(plugin)).testCredential({
      type: 'slack.oauth2',
      data: { clientId: '3336676.569200954261', clientSecret: createCanary('client-secret') },
    });

    expect(result.ok).toBe(false);
    expect(result.hint).toBe('Connect it first: knotwork credentials connect slack.oauth2');
  });
});
