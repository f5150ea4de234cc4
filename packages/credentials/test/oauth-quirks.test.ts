import { readFileSync } from 'node:fs';
import { defineOAuthProvider, type OAuthProviderInput } from '@knotwork/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { completeAuthorization, refreshTokens, startAuthorization } from '../src/oauth/index.js';
import {
  type CannedTokenServer,
  startCannedTokenServer,
} from './fixtures/oauth-canned-token-server.js';
import { type MemoryVault, memoryVault } from './fixtures/oauth-memory-vault.js';
import { rejectionOf } from './fixtures/rejection.js';

const slackAnswers = JSON.parse(
  readFileSync(new URL('./fixtures/oauth-slack-responses.json', import.meta.url), 'utf8'),
) as Record<'success' | 'invalidCode' | 'invalidRefreshToken', Record<string, unknown>>;

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';
const CLIENT_SECRET = 'canned-client-secret-4b7e1f';

let server: CannedTokenServer;
let vault: MemoryVault;

beforeAll(async () => {
  server = await startCannedTokenServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  vault = memoryVault();
  server.requests.length = 0;
});

/** A provider like the real one, with its endpoints on the canned server. */
function providerLike(overrides: Partial<OAuthProviderInput> = {}) {
  return defineOAuthProvider({
    key: 'canned',
    displayName: 'Canned',
    authorizationUrl: `${server.url}/authorize`,
    tokenUrl: `${server.url}/token`,
    ...overrides,
  });
}

/** The Slack provider's quirks (see @knotwork/oauth-providers) against the canned server. */
function slackLike(overrides: Partial<OAuthProviderInput> = {}) {
  return providerLike({
    scopeSeparator: ',',
    pkce: 'none',
    clientAuthentication: 'basic',
    tokenResponse: { okPath: 'ok', errorPath: 'error', tokenType: 'Bearer' },
    rotatesRefreshToken: true,
    ...overrides,
  });
}

/** Runs start + a fake callback + completion against whatever the canned server answers. */
async function connectWith(provider: ReturnType<typeof providerLike>) {
  const client = { provider, clientId: 'canned-client', clientSecret: CLIENT_SECRET };
  const { state } = await startAuthorization(
    { ...client, credentialId: 'cred', redirectUri: REDIRECT_URI, scopes: ['chat:write'] },
    vault,
  );
  return completeAuthorization(
    { ...client, callbackUrl: `${REDIRECT_URI}?code=the-one-time-code-123&state=${state}` },
    vault,
  );
}

function storeExpiredTokens(refreshToken = 'stored-refresh-token-abc') {
  vault.store.tokens.set('cred', {
    accessToken: 'stored-access-token-abc',
    refreshToken,
    expiresAt: Date.now() - 1_000,
  });
}

describe('Slack-style token answers', () => {
  it('reads a 200 ok:true answer, calling its "bot" token a Bearer token', async () => {
    server.answer({ body: slackAnswers.success });
    const completed = await connectWith(slackLike());
    expect(completed.tokens).toMatchObject({
      accessToken: slackAnswers.success.access_token,
      refreshToken: slackAnswers.success.refresh_token,
      tokenType: 'Bearer',
      scope: 'chat:write,chat:write.public,reactions:write',
    });
    expect(completed.tokens.expiresAt).toBeGreaterThan(Date.now() + 43_000_000);
  });

  it('sends the client credentials with HTTP Basic and no PKCE verifier', async () => {
    server.answer({ body: slackAnswers.success });
    await connectWith(slackLike());
    const [request] = server.requests;
    expect(request?.authorization).toBe(
      `Basic ${Buffer.from(`canned-client:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(request?.form).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-one-time-code-123',
      redirect_uri: REDIRECT_URI,
    });
    expect(request?.form.client_secret).toBeUndefined();
    expect(request?.form.code_verifier).toBeUndefined();
  });

  it('reads the user token where tokenPaths point (authed_user.access_token)', async () => {
    server.answer({ body: slackAnswers.success });
    const completed = await connectWith(
      slackLike({
        scopeParam: 'user_scope',
        tokenPaths: {
          accessToken: 'authed_user.access_token',
          refreshToken: 'authed_user.refresh_token',
          expiresIn: 'authed_user.expires_in',
          scope: 'authed_user.scope',
          tokenType: 'authed_user.token_type',
        },
        tokenResponse: { okPath: 'ok', errorPath: 'error' },
      }),
    );
    expect(completed.tokens).toEqual({
      accessToken: 'xoxe.xoxp-1-1234-user-token',
      tokenType: 'user',
      scope: 'chat:write',
    });
    expect(completed.refreshTokenIssued).toBe(false);
    // No expiry stated: nothing to warn about.
    expect(completed.warning).toBeUndefined();
  });

  it("treats a 200 ok:false answer as a failed exchange, naming Slack's error", async () => {
    server.answer({ body: slackAnswers.invalidCode });
    const error = await rejectionOf(connectWith(slackLike()));
    expect(error.code).toBe('authorization_failed');
    expect(error.message).toContain('invalid_code');
    expect(vault.store.tokens.has('cred')).toBe(false);
  });

  it('treats ok:false invalid_refresh_token on refresh as a lost grant: invalid, reconnect', async () => {
    storeExpiredTokens();
    server.answer({ body: slackAnswers.invalidRefreshToken });
    const error = await rejectionOf(
      refreshTokens(
        { provider: slackLike(), clientId: 'c', clientSecret: CLIENT_SECRET, credentialId: 'cred' },
        vault,
      ),
    );
    expect(error.code).toBe('reconnect_required');
    expect(vault.store.invalid.get('cred')).toContain('invalid_refresh_token');
  });
});

describe('HTTP Basic client authentication', () => {
  it('sends form-encoded id and secret when they hold % or + (RFC 6749 §2.3.1)', async () => {
    server.answer({ body: { access_token: 'a', token_type: 'Bearer' } });
    const provider = providerLike({ clientAuthentication: 'basic' });
    const client = { provider, clientId: 'id+with%signs', clientSecret: 'se+cr/et%' };
    const { state } = await startAuthorization(
      { ...client, credentialId: 'cred', redirectUri: REDIRECT_URI, scopes: [] },
      vault,
    );
    await completeAuthorization(
      { ...client, callbackUrl: `${REDIRECT_URI}?code=c0de&state=${state}` },
      vault,
    );
    const header = server.requests[0]?.authorization ?? '';
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString();
    expect(decoded).toBe('id%2Bwith%25signs:se%2Bcr%2Fet%25');
  });
});

describe('GitHub-style token answers', () => {
  const githubLike = () =>
    providerLike({ tokenResponse: { errorPath: 'error' }, refreshTokens: false });

  it('treats a 200 {error} answer as a failed exchange', async () => {
    server.answer({
      body: {
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
        error_uri:
          'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
      },
    });
    const error = await rejectionOf(connectWith(githubLike()));
    expect(error.code).toBe('authorization_failed');
    expect(error.message).toContain(
      'bad_verification_code (The code passed is incorrect or expired.)',
    );
  });

  it('reads a form-encoded answer', async () => {
    server.answer({
      body: 'access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer',
      contentType: 'application/x-www-form-urlencoded',
    });
    const completed = await connectWith(githubLike());
    expect(completed.tokens).toEqual({
      accessToken: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      tokenType: 'bearer',
      scope: 'repo,gist',
    });
  });

  it('sends client_id and client_secret in the body, with the PKCE verifier', async () => {
    server.answer({ body: { access_token: 'gho_x', token_type: 'bearer', scope: 'repo' } });
    await connectWith(githubLike());
    const [request] = server.requests;
    expect(request?.authorization).toBeUndefined();
    expect(request?.form).toMatchObject({
      client_id: 'canned-client',
      client_secret: CLIENT_SECRET,
    });
    expect(request?.form.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  });
});

describe('refresh answers', () => {
  it('keeps the stored refresh token when the provider returns none (Google does not rotate)', async () => {
    storeExpiredTokens('long-lived-refresh-token');
    server.answer({
      body: { access_token: 'new-access-token', expires_in: 3599, token_type: 'Bearer' },
    });
    const tokens = await refreshTokens(
      {
        provider: providerLike(),
        clientId: 'c',
        clientSecret: CLIENT_SECRET,
        credentialId: 'cred',
      },
      vault,
    );
    expect(tokens.refreshToken).toBe('long-lived-refresh-token');
    expect(vault.store.tokens.get('cred')?.refreshToken).toBe('long-lived-refresh-token');
    expect(server.requests[0]?.form).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'long-lived-refresh-token',
    });
  });

  it("sends the provider's refresh parameters", async () => {
    storeExpiredTokens();
    server.answer({ body: { access_token: 'new', token_type: 'Bearer' } });
    await refreshTokens(
      {
        provider: providerLike({ refreshParams: { scope: 'offline_access api' } }),
        clientId: 'c',
        clientSecret: CLIENT_SECRET,
        credentialId: 'cred',
      },
      vault,
    );
    expect(server.requests[0]?.form.scope).toBe('offline_access api');
  });

  it('fails a refresh during an outage as retryable, without marking the credential invalid', async () => {
    storeExpiredTokens();
    server.answer({ status: 503, body: '<html>Service Unavailable</html>' });
    const error = await rejectionOf(
      refreshTokens(
        {
          provider: providerLike(),
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          credentialId: 'cred',
        },
        vault,
      ),
    );
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(vault.store.invalid.has('cred')).toBe(false);
    expect(vault.store.tokens.get('cred')?.refreshToken).toBe('stored-refresh-token-abc');
  });

  it('passes on the wait a rate-limited token endpoint asks for', async () => {
    storeExpiredTokens();
    server.answer({ status: 429, body: { error: 'slow_down' }, headers: { 'retry-after': '7' } });
    const error = await rejectionOf(
      refreshTokens(
        {
          provider: providerLike(),
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          credentialId: 'cred',
        },
        vault,
      ),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterSeconds: 7 });
    expect(vault.store.invalid.has('cred')).toBe(false);
  });

  it('reports an unreachable token endpoint as retryable', async () => {
    storeExpiredTokens();
    const closed = await startCannedTokenServer();
    await closed.close();
    const error = await rejectionOf(
      refreshTokens(
        {
          provider: providerLike({ tokenUrl: `${closed.url}/token` }),
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          credentialId: 'cred',
        },
        vault,
      ),
    );
    expect(error).toMatchObject({ code: 'provider_unreachable', retryable: true });
    expect(vault.store.invalid.has('cred')).toBe(false);
  });

  it('never puts the refresh token or client secret in an error, even when the provider echoes them', async () => {
    storeExpiredTokens('echoed-refresh-token-xyz');
    server.answer({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `bad client_secret=${CLIENT_SECRET} for refresh_token=echoed-refresh-token-xyz`,
      },
    });
    const error = await rejectionOf(
      refreshTokens(
        {
          provider: providerLike(),
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          credentialId: 'cred',
        },
        vault,
      ),
    );
    expect(error.code).toBe('refresh_token_failed');
    const shown = JSON.stringify(error);
    expect(shown).not.toContain(CLIENT_SECRET);
    expect(shown).not.toContain('echoed-refresh-token-xyz');
    expect(shown).toContain('[redacted]');
  });

  it('asks to reconnect, once the token has expired, when there is no refresh token', async () => {
    vault.store.tokens.set('cred', { accessToken: 'only-access', expiresAt: Date.now() - 1 });
    const error = await rejectionOf(
      refreshTokens({ provider: providerLike(), clientId: 'c', credentialId: 'cred' }, vault),
    );
    expect(error.code).toBe('reconnect_required');
    expect(vault.store.invalid.get('cred')).toMatch(/issued no refresh token/);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps using a token without refresh token while it has not expired yet', async () => {
    const tokens = { accessToken: 'only-access', expiresAt: Date.now() + 60_000 };
    vault.store.tokens.set('cred', tokens);
    await expect(
      refreshTokens({ provider: providerLike(), clientId: 'c', credentialId: 'cred' }, vault),
    ).resolves.toEqual(tokens);
  });
});

describe('transport', () => {
  it('refuses a plain-http token endpoint that is not on this machine, sending nothing', async () => {
    storeExpiredTokens();
    const error = await rejectionOf(
      refreshTokens(
        {
          provider: providerLike({ tokenUrl: 'http://auth.example.com/token' }),
          clientId: 'c',
          clientSecret: CLIENT_SECRET,
          credentialId: 'cred',
        },
        vault,
      ),
    );
    expect(error.code).toBe('insecure_provider_url');
  });
});
