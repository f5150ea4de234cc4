import { createHash, randomBytes } from 'node:crypto';
import { defineCredential, defineNode, defineOAuthProvider, definePlugin, z } from '@knotwork/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FakeOAuthProvider, runNode, startFakeOAuthProvider } from '../src/index.js';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

let fake: FakeOAuthProvider;

afterEach(async () => {
  await fake?.close();
});

function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(parameters: Record<string, string>, secret = fake.clientSecret) {
  const response = await fetch(`${fake.url}/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(fake.clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(parameters),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, string>,
  };
}

async function me(accessToken: string) {
  const response = await fetch(fake.resourceUrl, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The authorization-code flow with PKCE S256, as a client would run it. */
async function authorize(scope = 'read') {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(fake.provider.authorizationUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: fake.clientId,
    redirect_uri: REDIRECT_URI,
    scope,
    state: 'state-1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const callback = new URL(await fake.approve(url.href));
  return { callback, verifier, code: callback.searchParams.get('code') ?? '' };
}

async function connect(scope = 'read') {
  const { code, verifier } = await authorize(scope);
  const answer = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  return answer.body;
}

describe('startFakeOAuthProvider', () => {
  beforeEach(async () => {
    fake = await startFakeOAuthProvider();
  });

  test('gives a provider config that defineOAuthProvider accepts and that points at it', () => {
    expect(defineOAuthProvider(fake.provider)).toEqual(fake.provider);
    expect(fake.provider).toMatchObject({
      key: 'fake',
      authorizationUrl: `${fake.url}/authorize`,
      tokenUrl: `${fake.url}/token`,
      revocationUrl: `${fake.url}/revoke`,
      pkce: 'S256',
      rotatesRefreshToken: true,
      clientCredentials: true,
    });
  });

  test('redirects straight back with a code and the state, and exchanges it with the PKCE verifier', async () => {
    const { callback, code, verifier } = await authorize();
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe('state-1');
    expect(code).toMatch(/^fake-code-/);

    const answer = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      access_token: expect.stringMatching(/^fake-at-/),
      refresh_token: expect.stringMatching(/^fake-rt-/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read',
    });
    const resource = await me(answer.body.access_token ?? '');
    expect(resource.status).toBe(200);
    expect(JSON.parse(resource.text)).toMatchObject({ id: 'fake-user', scope: 'read' });
    expect(fake.requests).toEqual({ authorize: 1, token: 1, revoke: 0, resource: 1 });
  });

  test('refuses a wrong verifier, and a code used twice', async () => {
    const { code, verifier } = await authorize();
    const wrong = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: `${verifier}x`,
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const again = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  test('refuses an authorization request without a PKCE challenge, or a denied one', async () => {
    const url = `${fake.url}/authorize?response_type=code&client_id=${fake.clientId}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=s`;
    expect(new URL(await fake.approve(url)).searchParams.get('error')).toBe('invalid_request');
    fake.denyNextAuthorization();
    const { callback } = await authorize();
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('state-1');
  });

  test('refuses a wrong client secret with 401 invalid_client', async () => {
    const answer = await tokenRequest({ grant_type: 'client_credentials' }, 'wrong');
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  test('rotates refresh tokens: the new one works, the old one gets invalid_grant', async () => {
    const first = await connect();
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toMatch(/^fake-rt-/);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);

    const replay = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(fake.tokenRequests).toEqual({
      authorization_code: 1,
      refresh_token: 2,
      client_credentials: 0,
    });
  });

  test('without rotation keeps the refresh token and leaves it out of refresh answers', async () => {
    fake.rotateRefreshTokens(false);
    const first = await connect();
    for (let round = 0; round < 2; round += 1) {
      const refreshed = await tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).toBeUndefined();
    }
  });

  test('issues app-only tokens for the client-credentials grant', async () => {
    const answer = await tokenRequest({ grant_type: 'client_credentials', scope: 'read write' });
    expect(answer.body).toMatchObject({ access_token: expect.any(String), scope: 'read write' });
    expect(answer.body.refresh_token).toBeUndefined();
    expect((await me(answer.body.access_token ?? '')).status).toBe(200);
  });

  test('answers 429 with Retry-After once, then normally', async () => {
    const { accessToken } = fake.issueTokens({ scope: 'read' });
    fake.respond429Once({ retryAfterSeconds: 3, endpoint: 'resource' });
    const limited = await me(accessToken);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await me(accessToken)).status).toBe(200);
    expect(fake.requests.resource).toBe(2);
  });

  test('can rate-limit the token endpoint', async () => {
    fake.respond429Once({ retryAfterSeconds: 2, endpoint: 'token' });
    const answer = await tokenRequest({ grant_type: 'client_credentials' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('2');
  });

  test('expired access tokens get 401 invalid_token, and a refresh brings a working one', async () => {
    const tokens = fake.issueTokens();
    fake.expireAccessTokens();
    const refused = await me(tokens.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);

    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken ?? '',
    });
    expect((await me(refreshed.body.access_token ?? '')).status).toBe(200);
  });

  test('revokeAll ends every token: the resource answers 401 and refreshes get invalid_grant', async () => {
    const tokens = fake.issueTokens();
    fake.revokeAll();
    expect((await me(tokens.accessToken)).status).toBe(401);
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken ?? '',
    });
    expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  test('revokes a refresh token and its access tokens at the RFC 7009 endpoint', async () => {
    const tokens = fake.issueTokens();
    const revoked = await fetch(`${fake.url}/revoke`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(fake.clientId, fake.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        token: tokens.refreshToken ?? '',
        token_type_hint: 'refresh_token',
      }),
    });
    expect(revoked.status).toBe(200);
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect(fake.requests.revoke).toBe(1);
  });
});

describe('startFakeOAuthProvider with expiry signalled in the body', () => {
  test('answers an expired token with 200 {"ok":false,"error":"token_expired"}, which the config recognises', async () => {
    fake = await startFakeOAuthProvider({ expiryInBody: true });
    const tokens = fake.issueTokens();
    fake.expireAccessTokens();
    const answer = await me(tokens.accessToken);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ ok: false, error: 'token_expired' });
    expect(new RegExp(fake.provider.expirySignal.bodyPattern ?? '^$').test(answer.text)).toBe(true);
  });

  test('can answer 400 instead', async () => {
    fake = await startFakeOAuthProvider({ expiryInBody: true, expiryStatus: 400 });
    const tokens = fake.issueTokens();
    fake.expireAccessTokens();
    expect((await me(tokens.accessToken)).status).toBe(400);
  });
});

describe('a plugin node against the fake provider', () => {
  test('is refreshed once when the provider says its token expired, then succeeds', async () => {
    fake = await startFakeOAuthProvider({ key: 'fakeidp' });
    const oauth = defineCredential({
      key: 'oauth',
      displayName: 'Fake IdP',
      kind: 'oauth2',
      oauth: { provider: 'fakeidp', scopes: ['read'] },
      schema: z.object({}),
      baseUrl: { default: fake.url },
      test: async () => ({ ok: true, message: 'ok' }),
    });
    const plugin = definePlugin({
      name: 'fakeapp',
      displayName: 'Fake app',
      description: 'Calls the fake provider as a plugin would',
      categories: ['Test'],
      credentials: [oauth],
      oauthProviders: [fake.provider],
      nodes: [
        defineNode({
          key: 'whoAmI',
          kind: 'action',
          displayName: 'Who am I',
          description: 'Reads /api/me',
          credentials: [oauth],
          input: z.object({}),
          output: z.object({ name: z.string() }),
          run: async (ctx) => {
            const response = await ctx.http.request<{ name: string }>({ url: '/api/me' });
            return { name: response.data.name };
          },
        }),
      ],
    });
    const tokens = fake.issueTokens({ scope: 'read' });
    fake.expireAccessTokens();
    let refreshes = 0;
    const run = await runNode(
      plugin,
      'whoAmI',
      {},
      {
        credential: {
          key: 'oauth',
          data: {},
          token: { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt },
          refresh: async () => {
            refreshes += 1;
            const response = await fetch(fake.provider.tokenUrl, {
              method: 'POST',
              headers: {
                authorization: basicAuth(fake.clientId, fake.clientSecret),
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: tokens.refreshToken ?? '',
              }),
            });
            const answer = (await response.json()) as { access_token: string };
            return { accessToken: answer.access_token };
          },
        },
      },
    );
    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({ name: 'Fake User' });
    expect(refreshes).toBe(1);
    expect(fake.requests.resource).toBe(2);
  });
});
