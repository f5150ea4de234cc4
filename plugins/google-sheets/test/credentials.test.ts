import {
  assertNoCanary,
  createCanary,
  nock,
  recordRequests,
  runNode,
  testCredential,
} from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  fixture,
  oauthCredential,
  SHEETS_ORIGIN,
  SPREADSHEET_ID,
  serviceAccount,
  TOKEN_ORIGIN,
  tokenResponse,
  useClosedNetwork,
  valuesPath,
  verifiedClaims,
} from './support.js';

useClosedNetwork();

const PROBE = (path: string) => path.startsWith('/v4/spreadsheets/knotwork-connection-check-');

describe('Google Sheets OAuth2: Test connection', () => {
  test('proves token, scope and API with a lookup Google answers NOT_FOUND', async () => {
    const accessToken = createCanary('access-token');
    const scope = nock(SHEETS_ORIGIN).get(PROBE).reply(404, fixture('error-not-found.json'));
    const requests = recordRequests(scope);
    const credential = oauthCredential(accessToken);

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: credential.data,
      ...(credential.token ? { token: credential.token } : {}),
    });

    expect(result).toMatchObject({
      ok: true,
      message: 'Connected to Google; the Sheets API accepted the token.',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('fields')).toBe('spreadsheetId');
    assertNoCanary(accessToken, { result });
  });

  test('fails with its own code when the Sheets API is switched off in the project', async () => {
    nock(SHEETS_ORIGIN).get(PROBE).reply(403, fixture('error-service-disabled.json'));
    const credential = oauthCredential();

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: credential.data,
      ...(credential.token ? { token: credential.token } : {}),
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('(SERVICE_DISABLED)');
    expect(result.hint).toContain('enable it');
  });

  test('fails with the reconnect hint when the token lacks the spreadsheets scope', async () => {
    nock(SHEETS_ORIGIN).get(PROBE).reply(403, fixture('error-scope-insufficient.json'));
    const credential = oauthCredential();

    const result = await testCredential(plugin, {
      key: 'oauth2',
      data: credential.data,
      ...(credential.token ? { token: credential.token } : {}),
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('(ACCESS_TOKEN_SCOPE_INSUFFICIENT)');
    expect(result.hint).toContain('reconnect the OAuth credential');
  });
});

describe('Google service account: Test connection', () => {
  test('signs a JWT with the key, trades it for a token, and probes the API with it', async () => {
    const account = serviceAccount();
    const accessToken = createCanary('access-token');
    const tokenScope = nock(TOKEN_ORIGIN).post('/token').reply(200, tokenResponse(accessToken));
    const tokenRequests = recordRequests(tokenScope);
    const sheetsRequests = recordRequests(
      nock(SHEETS_ORIGIN).get(PROBE).reply(404, fixture('error-not-found.json')),
    );

    const result = await testCredential(plugin, {
      key: 'serviceAccount',
      data: account.credential.data,
    });

    expect(result.ok).toBe(true);
    expect(result.message).toContain(`Signed in as ${account.clientEmail}`);
    expect(result.message).toContain(`Share each spreadsheet with ${account.clientEmail}`);
    const form = tokenRequests[0]?.body as Record<string, string>;
    expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = verifiedClaims(form.assertion ?? '', account.publicKey);
    expect(claims).toMatchObject({
      iss: account.clientEmail,
      scope: 'https://www.googleapis.com/auth/spreadsheets',
      aud: 'https://oauth2.googleapis.com/token',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(3600);
    expect(sheetsRequests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    assertNoCanary(account.keyCanary, { result, logs: result.logs });
    assertNoCanary(accessToken, { result });
  });

  test.each([
    ['token-invalid-grant.json', 'Create a new JSON key'],
    ['token-clock-skew.json', 'clock'],
  ])('explains %s from the token endpoint', async (file, hintPhrase) => {
    const account = serviceAccount();
    nock(TOKEN_ORIGIN).post('/token').reply(400, fixture(file));

    const result = await testCredential(plugin, {
      key: 'serviceAccount',
      data: account.credential.data,
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('(invalid_grant)');
    expect(result.message).toContain(account.clientEmail);
    expect(result.hint).toContain(hintPhrase);
    assertNoCanary(account.keyCanary, { result });
  });

  test.each([
    ['text that is not JSON', 'not json at all', 'not JSON'],
    [
      'an OAuth client file',
      JSON.stringify({ installed: { client_id: 'x', client_secret: 'y' } }),
      'OAuth client file',
    ],
    [
      'user credentials',
      JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' }),
      '"type" is "authorized_user"',
    ],
    [
      'a key missing both fields',
      JSON.stringify({ type: 'service_account', project_id: 'p' }),
      'lacks client_email and private_key',
    ],
    [
      'a private key that is not PEM',
      JSON.stringify({
        type: 'service_account',
        client_email: 'a@b.iam.gserviceaccount.com',
        private_key: 'abc',
      }),
      'not a PEM private key',
    ],
  ])('refuses %s and says what is wrong', async (_case, serviceAccountKey, phrase) => {
    const result = await testCredential(plugin, {
      key: 'serviceAccount',
      data: { serviceAccountKey },
    });

    expect(result.ok).toBe(false);
    expect(result.message).toContain('serviceAccountKey');
    expect(result.message).toContain(phrase);
  });
});

describe('Google service account in a node', () => {
  test('exchanges the key once through ctx.http and reuses the token on the next run', async () => {
    const account = serviceAccount();
    const accessToken = createCanary('access-token');
    const tokenRequests = recordRequests(
      nock(TOKEN_ORIGIN).post('/token').reply(200, tokenResponse(accessToken)),
    );
    const sheetsRequests = recordRequests(
      nock(SHEETS_ORIGIN)
        .get(valuesPath('Sheet1!A1:D5'))
        .times(2)
        .reply(200, fixture('values-get.json')),
    );

    const first = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: account.credential },
    );
    const second = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: account.credential },
    );

    expect(first.error).toBeUndefined();
    expect(second.error).toBeUndefined();
    expect(tokenRequests).toHaveLength(1);
    expect(sheetsRequests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${accessToken}`,
      `Bearer ${accessToken}`,
    ]);
    for (const run of [first, second]) {
      assertNoCanary(accessToken, { logs: run.logs, output: run.output });
      assertNoCanary(account.keyCanary, { logs: run.logs, output: run.output });
    }
  });

  test('fails the node with the key hint when Google refuses the JWT, and does not cache the failure', async () => {
    const account = serviceAccount();
    const scope = nock(TOKEN_ORIGIN)
      .post('/token')
      .reply(400, fixture('token-invalid-grant.json'))
      .post('/token')
      .reply(200, tokenResponse(createCanary('access-token')));
    const tokenRequests = recordRequests(scope);
    nock(SHEETS_ORIGIN).get(valuesPath('Sheet1!A1:D5')).reply(200, fixture('values-get.json'));

    const failed = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: account.credential },
    );
    const retried = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: account.credential },
    );

    expect(failed.error?.code).toBe('invalid_grant');
    expect(failed.error?.status).toBe(400);
    expect(failed.error?.hint).toContain('Create a new JSON key');
    assertNoCanary(account.keyCanary, { error: failed.error, logs: failed.logs });
    expect(retried.ok).toBe(true);
    expect(tokenRequests).toHaveLength(2);
  });
});
