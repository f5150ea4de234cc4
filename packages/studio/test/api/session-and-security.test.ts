import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStudioServer } from '../../src/index.js';
import { openStudio, type Studio } from '../support/open-studio.js';

const newCredential = {
  name: 'csrf-probe',
  type: 'webhook.bearerToken',
  data: { token: 'probe-token-value' },
};

describe('on loopback without a token', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await openStudio();
  });
  afterAll(() => studio.close());

  test('the session needs no sign-in and hands out the CSRF token', async () => {
    const response = await studio.raw({ method: 'GET', url: '/api/session' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      version: expect.any(String),
      authRequired: false,
      authenticated: true,
      csrfToken: studio.csrfToken,
    });
    expect(studio.csrfToken.length).toBeGreaterThanOrEqual(32);
  });

  test('a change without the CSRF header is refused with 403 csrf_refused', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/credentials',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(newCredential),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_refused');
    expect(response.json().error.hint).toContain('x-knotwork-csrf');
  });

  test('a percent-encoded path is no way around the CSRF check', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/%61pi/credentials',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(newCredential),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_refused');
  });

  test('a wrong CSRF token is refused', async () => {
    const response = await studio.api('DELETE', '/api/credentials/anything', undefined, {
      'x-knotwork-csrf': 'not-the-token',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_refused');
  });

  test('a change from another origin is refused even with the right token', async () => {
    const response = await studio.api('POST', '/api/credentials', newCredential, {
      host: '127.0.0.1:5678',
      origin: 'http://evil.example',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: 'csrf_refused',
      message: expect.stringContaining('http://evil.example'),
    });
    const list = await studio.api('GET', '/api/credentials');
    expect(list.json().credentials).toEqual([]);
  });

  test('a change from the studio’s own origin goes through', async () => {
    const response = await studio.api('POST', '/api/credentials', newCredential, {
      host: '127.0.0.1:5678',
      origin: 'http://127.0.0.1:5678',
    });
    expect(response.statusCode).toBe(201);
  });

  test('a form or text/plain body (what another site can send without asking) is refused', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await studio.raw({
        method: 'POST',
        url: '/api/credentials',
        headers: { 'content-type': contentType, 'x-knotwork-csrf': studio.csrfToken },
        payload: JSON.stringify({ ...newCredential, name: 'form-post' }),
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('unsupported_media_type');
    }
  });

  test('a body that is not JSON answers 400 invalid_json in the error shape', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/credentials',
      headers: { 'content-type': 'application/json', 'x-knotwork-csrf': studio.csrfToken },
      payload: '{"name": "broken',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  test('an empty body sent as JSON counts as no body', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/credentials',
      headers: { 'content-type': 'application/json', 'x-knotwork-csrf': studio.csrfToken },
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
  });

  test('a body carrying __proto__ is refused', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/credentials',
      headers: { 'content-type': 'application/json', 'x-knotwork-csrf': studio.csrfToken },
      payload: '{"name":"p","type":"webhook.bearerToken","data":{"__proto__":{"polluted":1}}}',
    });
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a Host header naming another site (DNS rebinding) is refused', async () => {
    const response = await studio.raw({
      method: 'GET',
      url: '/api/session',
      headers: { host: 'rebind.evil.example:5678' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('host_refused');
    expect(response.json().error.message).not.toContain(studio.csrfToken);
  });

  test('localhost and [::1] are this machine too', async () => {
    for (const host of ['localhost:5678', '[::1]:5678', '127.0.0.1']) {
      const response = await studio.raw({ method: 'GET', url: '/api/session', headers: { host } });
      expect(response.statusCode, host).toBe(200);
    }
  });

  test('every answer forbids framing and sniffing, and API answers are not cached', async () => {
    const response = await studio.api('GET', '/api/plugins');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test('an unknown /api route is a JSON 404', async () => {
    const response = await studio.api('GET', '/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'not_found' });
  });
});

describe('with KNOTWORK_AUTH_TOKEN', () => {
  const token = 'studio-test-token-0123456789';
  let studio: Studio;
  beforeAll(async () => {
    studio = await openStudio({ env: { KNOTWORK_AUTH_TOKEN: token } });
  });
  afterAll(() => studio.close());

  test('the session says a token is needed and gives no CSRF token before sign-in', async () => {
    const response = await studio.raw({ method: 'GET', url: '/api/session' });
    expect(response.json()).toEqual({
      version: expect.any(String),
      authRequired: true,
      authenticated: false,
    });
  });

  test('API routes answer 401 without the token, and with a wrong one', async () => {
    const none = await studio.raw({ method: 'GET', url: '/api/plugins' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { authorization: 'Bearer studio-test-token-wrong-guess' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  test('a percent-encoded path reaches the same routes and needs the token just the same', async () => {
    for (const url of ['/%61pi/credentials', '/%61%70%69/plugins', '/api/%63redentials']) {
      const response = await studio.raw({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
    }
  });

  test('the OpenAPI document stays public', async () => {
    const response = await studio.raw({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
  });

  test('a bearer token opens the API', async () => {
    const response = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
  });

  test('signing in with a wrong token is refused', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: 'not-it' }),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  test('after ten wrong tokens from one address it has to wait, even with the right token', async () => {
    const guarded = await openStudio({ authToken: token });
    try {
      const attempt = (tried: string) =>
        guarded.raw({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ token: tried }),
        });
      for (let guess = 0; guess < 10; guess++) {
        expect((await attempt(`wrong-guess-${guess}`)).statusCode).toBe(401);
      }

      const blocked = await attempt(token);
      const bearer = await guarded.raw({
        method: 'GET',
        url: '/api/plugins',
        headers: { authorization: `Bearer ${token}` },
      });

      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('too_many_attempts');
      expect(blocked.json().error.hint).toMatch(/^Wait \d+ s/);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      expect(bearer.statusCode).toBe(429);
    } finally {
      await guarded.close();
    }
  });

  test('wrong Bearer tokens count as wrong tries too', async () => {
    const guarded = await openStudio({ authToken: token });
    try {
      const call = (bearer: string) =>
        guarded.raw({
          method: 'GET',
          url: '/api/plugins',
          headers: { authorization: `Bearer ${bearer}` },
        });
      for (let guess = 0; guess < 10; guess++) {
        expect((await call(`wrong-guess-${guess}`)).statusCode).toBe(401);
      }
      expect((await call(token)).statusCode).toBe(429);
    } finally {
      await guarded.close();
    }
  });

  test('signing in without a token names the field', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: 'token', message: expect.any(String) }]);
  });

  test('signing in sets an HttpOnly, SameSite=Strict cookie that opens the API', async () => {
    const login = await studio.raw({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token }),
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ authenticated: true, csrfToken: expect.any(String) });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^knotwork_session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain(token);

    const session = cookie.split(';')[0] ?? '';
    const plugins = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { cookie: session },
    });
    expect(plugins.statusCode).toBe(200);
    const me = await studio.raw({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: session },
    });
    expect(me.json()).toMatchObject({ authenticated: true, csrfToken: login.json().csrfToken });
    const forged = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { cookie: 'knotwork_session=forged-value' },
    });
    expect(forged.statusCode).toBe(401);
  });

  async function signIn() {
    const login = await studio.raw({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token }),
    });
    const setCookie = String(login.headers['set-cookie']);
    return {
      setCookie,
      cookie: setCookie.split(';')[0] ?? '',
      csrfToken: String(login.json().csrfToken),
    };
  }

  test('the session cookie expires after a week and differs at each sign-in', async () => {
    const first = await signIn();
    const again = await signIn();

    expect(first.setCookie).toContain('Max-Age=604800');
    expect(first.cookie).not.toBe(again.cookie);
  });

  test('signing out ends the session: its cookie opens nothing afterwards', async () => {
    const { cookie, csrfToken } = await signIn();
    const other = await signIn();

    const logout = await studio.raw({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie, 'x-knotwork-csrf': csrfToken },
    });

    expect(logout.statusCode).toBe(200);
    expect(logout.json()).toMatchObject({ authRequired: true, authenticated: false });
    expect(String(logout.headers['set-cookie'])).toMatch(/^knotwork_session=;/);
    const afterwards = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { cookie },
    });
    expect(afterwards.statusCode).toBe(401);
    const me = await studio.raw({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ authenticated: false });
    expect(me.json().csrfToken).toBeUndefined();
    // Another browser's sign-in is its own.
    const elsewhere = await studio.raw({
      method: 'GET',
      url: '/api/plugins',
      headers: { cookie: other.cookie },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  test('signing out needs the CSRF header, so another site cannot sign a person out', async () => {
    const { cookie } = await signIn();

    const logout = await studio.raw({ method: 'POST', url: '/api/logout', headers: { cookie } });

    expect(logout.statusCode).toBe(403);
    const still = await studio.raw({ method: 'GET', url: '/api/plugins', headers: { cookie } });
    expect(still.statusCode).toBe(200);
  });

  test('with the token, changes still need the CSRF header', async () => {
    const response = await studio.raw({
      method: 'POST',
      url: '/api/credentials',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(newCredential),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('binding beyond this machine', () => {
  const env = { KNOTWORK_HOME: '/nonexistent/knotwork-never-opened' };

  test('is refused without KNOTWORK_AUTH_TOKEN, naming the variable', async () => {
    await expect(createStudioServer({ host: '0.0.0.0', env })).rejects.toThrow(
      /KNOTWORK_AUTH_TOKEN/,
    );
    await expect(
      createStudioServer({ env: { ...env, KNOTWORK_HOST: '192.168.1.20' } }),
    ).rejects.toThrow(/without KNOTWORK_AUTH_TOKEN/);
  });

  test('is refused with a token too short to resist guessing', async () => {
    await expect(
      createStudioServer({ host: '0.0.0.0', env: { ...env, KNOTWORK_AUTH_TOKEN: 'short' } }),
    ).rejects.toThrow(/at least 16/);
  });

  test('with a token, any Host name is answered but the token is required', async () => {
    const studio = await openStudio({
      host: '0.0.0.0',
      env: { KNOTWORK_AUTH_TOKEN: 'lan-token-0123456789abcdef' },
    });
    try {
      const anonymous = await studio.raw({
        method: 'GET',
        url: '/api/plugins',
        headers: { host: 'studio.lan:5678' },
      });
      expect(anonymous.statusCode).toBe(401);
      const signed = await studio.raw({
        method: 'GET',
        url: '/api/plugins',
        headers: { host: 'studio.lan:5678', authorization: 'Bearer lan-token-0123456789abcdef' },
      });
      expect(signed.statusCode).toBe(200);
    } finally {
      await studio.close();
    }
  });
});
