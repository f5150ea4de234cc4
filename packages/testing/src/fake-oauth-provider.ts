import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineOAuthProvider, type OAuthProvider } from '@knotwork/sdk';

export interface FakeOAuthProviderOptions {
  /** Provider key in `provider` (default `fake`). */
  key?: string;
  clientId?: string;
  clientSecret?: string;
  /** Seconds an access token lives (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Hand out a refresh token with each user token (default true). */
  issueRefreshTokens?: boolean;
  /** Each refresh returns a new refresh token and retires the old one (default true). */
  rotateRefreshTokens?: boolean;
  /**
   * Say "expired" in the body, Slack-style, instead of with a 401: the resource answers
   * `expiryStatus` with `{"ok":false,"error":"token_expired"}` (default false).
   */
  expiryInBody?: boolean;
  /** Status of a body-signalled expiry (default 200). */
  expiryStatus?: 200 | 400;
  /** Refuse an authorization request without a PKCE challenge (default true). */
  requirePkce?: boolean;
  /** Scope sets per feature for `provider` (default `{ read: ['read'], write: ['write'] }`). */
  scopes?: Record<string, string[]>;
}

export type FakeOAuthEndpoint = 'authorize' | 'token' | 'revoke' | 'resource';
export type FakeTokenGrant = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface IssuedFakeTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope: string;
}

/**
 * A small OAuth2 provider on loopback for plugin tests: authorization code (with PKCE),
 * refresh (rotating by default) and client credentials, RFC 7009 revocation, and a
 * protected resource at `/api/me`, with switches for the failures a plugin must survive.
 */
export interface FakeOAuthProvider {
  /** Base URL, e.g. `http://127.0.0.1:53121`. */
  url: string;
  /** The protected resource: GET with `Authorization: Bearer <token>`. */
  resourceUrl: string;
  clientId: string;
  clientSecret: string;
  /** A defineOAuthProvider config pointing at this server; put it in a plugin's oauthProviders. */
  provider: OAuthProvider;
  /** Requests per endpoint so far (429 answers included). */
  readonly requests: Readonly<Record<FakeOAuthEndpoint, number>>;
  /** Token requests per grant type so far. */
  readonly tokenRequests: Readonly<Record<FakeTokenGrant, number>>;
  /** Plays the browser: opens the authorization URL and returns the callback URL it redirects to. */
  approve(authorizationUrl: string): Promise<string>;
  /** Tokens for a user who already connected, without the authorization dance. */
  issueTokens(options?: { scope?: string; expiresInSeconds?: number }): IssuedFakeTokens;
  /** Turns refresh-token rotation on or off from now on. */
  rotateRefreshTokens(enabled?: boolean): void;
  /** The next request (to `endpoint`, default any but authorize) gets 429 with Retry-After. */
  respond429Once(options?: {
    retryAfterSeconds?: number;
    endpoint?: Exclude<FakeOAuthEndpoint, 'authorize'> | 'any';
  }): void;
  /** Every access token issued so far is expired; refresh tokens still work. */
  expireAccessTokens(): void;
  /** Every token issued so far is revoked: the resource answers 401 and refreshes get invalid_grant. */
  revokeAll(): void;
  /** The next authorization redirects back with error=access_denied. */
  denyNextAuthorization(): void;
  close(): Promise<void>;
}

interface AccessTokenRecord {
  expiresAt: number;
  scope: string;
  revoked: boolean;
  /** The refresh token whose grant it belongs to, so revoking that ends it too. */
  grant?: string;
}

interface CodeRecord {
  redirectUri: string;
  scope: string;
  challenge?: string;
  method?: string;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const EXPIRED_BODY = { ok: false, error: 'token_expired' };

export async function startFakeOAuthProvider(
  options: FakeOAuthProviderOptions = {},
): Promise<FakeOAuthProvider> {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const ttlSeconds = options.accessTokenTtlSeconds ?? 3600;
  const issueRefreshTokens = options.issueRefreshTokens ?? true;
  let rotate = options.rotateRefreshTokens ?? true;
  const requirePkce = options.requirePkce ?? true;

  const codes = new Map<string, CodeRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  /** Live refresh tokens and the scope of their grant. */
  const refreshTokens = new Map<string, string>();
  const requests: Record<FakeOAuthEndpoint, number> = {
    authorize: 0,
    token: 0,
    revoke: 0,
    resource: 0,
  };
  const tokenRequests: Record<FakeTokenGrant, number> = {
    authorization_code: 0,
    refresh_token: 0,
    client_credentials: 0,
  };
  let pending429: { retryAfterSeconds: number; endpoint: FakeOAuthEndpoint | 'any' } | undefined;
  let denyNext = false;

  const newToken = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;

  function issue(scope: string, withRefreshToken: boolean, grant?: string, ttl = ttlSeconds) {
    const accessToken = newToken('fake-at');
    const refreshToken = withRefreshToken ? (grant ?? newToken('fake-rt')) : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, scope);
    accessTokens.set(accessToken, {
      expiresAt: Date.now() + ttl * 1000,
      scope,
      revoked: false,
      ...(refreshToken ? { grant: refreshToken } : {}),
    });
    return { accessToken, refreshToken, expiresIn: ttl, expiresAt: Date.now() + ttl * 1000, scope };
  }

  function tokenAnswer(issued: ReturnType<typeof issue>, includeRefreshToken: boolean) {
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      ...(issued.scope ? { scope: issued.scope } : {}),
      ...(includeRefreshToken && issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    };
  }

  function authorize(url: URL, response: ServerResponse) {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== clientId || !redirectUri) {
      return sendJson(response, 400, {
        error: 'invalid_request',
        error_description: 'unknown client_id or no redirect_uri',
      });
    }
    const back = new URL(redirectUri);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = params.get('code_challenge') ?? undefined;
    const method = params.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
    if (denyNext) {
      denyNext = false;
      back.searchParams.set('error', 'access_denied');
    } else if (params.get('response_type') !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
    } else if (requirePkce && !challenge) {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', 'code_challenge required');
    } else {
      const code = newToken('fake-code');
      codes.set(code, {
        redirectUri,
        scope: params.get('scope') ?? '',
        ...(challenge ? { challenge } : {}),
        ...(method ? { method } : {}),
        expiresAt: Date.now() + CODE_TTL_MS,
      });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.href }).end();
  }

  function token(form: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    if (!clientAuthenticated(request, form, clientId, clientSecret)) {
      return sendJson(response, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic' });
    }
    const grant = form.get('grant_type') ?? '';
    if (grant in tokenRequests) tokenRequests[grant as FakeTokenGrant] += 1;
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const record = codes.get(code);
      codes.delete(code);
      if (
        !record ||
        record.expiresAt < Date.now() ||
        record.redirectUri !== form.get('redirect_uri')
      ) {
        return sendJson(response, 400, {
          error: 'invalid_grant',
          error_description: 'code unknown, used, expired or for another redirect_uri',
        });
      }
      if (
        record.challenge &&
        !pkceMatches(form.get('code_verifier'), record.challenge, record.method)
      ) {
        return sendJson(response, 400, {
          error: 'invalid_grant',
          error_description: 'code_verifier does not match',
        });
      }
      return sendJson(response, 200, tokenAnswer(issue(record.scope, issueRefreshTokens), true));
    }
    if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const scope = refreshTokens.get(presented);
      if (scope === undefined) {
        return sendJson(response, 400, {
          error: 'invalid_grant',
          error_description: 'refresh token unknown, rotated or revoked',
        });
      }
      if (rotate) {
        refreshTokens.delete(presented);
        return sendJson(response, 200, tokenAnswer(issue(scope, true), true));
      }
      // Without rotation the refresh token stays valid and is not sent again (Google's way).
      return sendJson(response, 200, tokenAnswer(issue(scope, true, presented), false));
    }
    if (grant === 'client_credentials') {
      return sendJson(response, 200, tokenAnswer(issue(form.get('scope') ?? '', false), false));
    }
    return sendJson(response, 400, { error: 'unsupported_grant_type' });
  }

  function revoke(form: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    if (!clientAuthenticated(request, form, clientId, clientSecret)) {
      return sendJson(response, 401, { error: 'invalid_client' });
    }
    const presented = form.get('token') ?? '';
    if (refreshTokens.delete(presented)) {
      for (const record of accessTokens.values())
        if (record.grant === presented) record.revoked = true;
    }
    const access = accessTokens.get(presented);
    if (access) access.revoked = true;
    // RFC 7009 §2.2: 200 whether or not the token was known.
    response.writeHead(200).end();
  }

  function resource(request: IncomingMessage, response: ServerResponse) {
    const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const record = presented ? accessTokens.get(presented) : undefined;
    if (!record || record.revoked) {
      return sendJson(
        response,
        401,
        { error: 'invalid_token' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    if (record.expiresAt <= Date.now()) {
      if (options.expiryInBody)
        return sendJson(response, options.expiryStatus ?? 200, EXPIRED_BODY);
      return sendJson(
        response,
        401,
        { error: 'invalid_token', error_description: 'The access token expired' },
        {
          'www-authenticate':
            'Bearer error="invalid_token", error_description="The access token expired"',
        },
      );
    }
    return sendJson(response, 200, {
      ok: true,
      id: 'fake-user',
      name: 'Fake User',
      scope: record.scope,
    });
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const endpoint = endpointOf(request.method ?? 'GET', url.pathname);
    if (!endpoint) return sendJson(response, 404, { error: 'not_found' });
    requests[endpoint] += 1;
    if (
      pending429 &&
      endpoint !== 'authorize' &&
      (pending429.endpoint === 'any' || pending429.endpoint === endpoint)
    ) {
      const { retryAfterSeconds } = pending429;
      pending429 = undefined;
      return sendJson(
        response,
        429,
        { error: 'rate_limited' },
        { 'retry-after': String(retryAfterSeconds) },
      );
    }
    if (endpoint === 'authorize') return authorize(url, response);
    if (endpoint === 'resource') return resource(request, response);
    const form = new URLSearchParams(await readBody(request));
    return endpoint === 'token' ? token(form, request, response) : revoke(form, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = defineOAuthProvider({
    key: options.key ?? 'fake',
    displayName: 'Fake OAuth provider',
    authorizationUrl: `${url}/authorize`,
    tokenUrl: `${url}/token`,
    revocationUrl: `${url}/revoke`,
    scopes: options.scopes ?? { read: ['read'], write: ['write'] },
    pkce: 'S256',
    clientAuthentication: 'basic',
    refreshTokens: issueRefreshTokens,
    rotatesRefreshToken: rotate,
    expirySignal: options.expiryInBody
      ? { statuses: [401], bodyPattern: '"error"\\s*:\\s*"token_expired"' }
      : { statuses: [401] },
    // A quarter of a short test lifetime, at most the usual five minutes, so a token is
    // not "about to expire" the moment it is issued.
    expiryBufferSeconds: Math.min(300, Math.floor(ttlSeconds / 4)),
    clientCredentials: true,
  });

  return {
    url,
    resourceUrl: `${url}/api/me`,
    clientId,
    clientSecret,
    provider,
    get requests() {
      return { ...requests };
    },
    get tokenRequests() {
      return { ...tokenRequests };
    },
    async approve(authorizationUrl) {
      const answer = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = answer.headers.get('location');
      if (answer.status !== 302 || !location) {
        throw new Error(
          `The fake provider refused the authorization request: HTTP ${answer.status} ${await answer.text()}`,
        );
      }
      return location;
    },
    issueTokens({ scope = '', expiresInSeconds = ttlSeconds } = {}) {
      const issued = issue(scope, issueRefreshTokens, undefined, expiresInSeconds);
      return {
        accessToken: issued.accessToken,
        ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}),
        expiresAt: issued.expiresAt,
        scope,
      };
    },
    rotateRefreshTokens(enabled = true) {
      rotate = enabled;
    },
    respond429Once({ retryAfterSeconds = 1, endpoint = 'any' } = {}) {
      pending429 = { retryAfterSeconds, endpoint };
    },
    expireAccessTokens() {
      const past = Date.now() - 1;
      for (const record of accessTokens.values()) record.expiresAt = past;
    },
    revokeAll() {
      refreshTokens.clear();
      for (const record of accessTokens.values()) record.revoked = true;
    },
    denyNextAuthorization() {
      denyNext = true;
    },
    close: () => closeServer(server),
  };
}

function endpointOf(method: string, path: string): FakeOAuthEndpoint | undefined {
  if (method === 'GET' && path === '/authorize') return 'authorize';
  if (method === 'POST' && path === '/token') return 'token';
  if (method === 'POST' && path === '/revoke') return 'revoke';
  if (method === 'GET' && path === '/api/me') return 'resource';
  return undefined;
}

/** HTTP Basic (raw or RFC 6749 form-encoded id and secret) or client_id/client_secret in the body. */
function clientAuthenticated(
  request: IncomingMessage,
  form: URLSearchParams,
  clientId: string,
  clientSecret: string,
): boolean {
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const id = decoded.slice(0, separator);
    const secret = decoded.slice(separator + 1);
    const formDecode = (value: string) => new URLSearchParams(`v=${value}`).get('v') ?? '';
    return (
      (id === clientId && sameSecret(secret, clientSecret)) ||
      (formDecode(id) === clientId && sameSecret(formDecode(secret), clientSecret))
    );
  }
  return (
    form.get('client_id') === clientId && sameSecret(form.get('client_secret') ?? '', clientSecret)
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function pkceMatches(verifier: string | null, challenge: string, method = 'plain'): boolean {
  if (!verifier) return false;
  const expected =
    method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return sameSecret(expected, challenge);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
