import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanary, startFakeOAuthProvider } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './run-cli.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const masterKey = Buffer.alloc(32, 7).toString('base64');

/** An API that wants `Authorization: Bearer <token>` and echoes what it got. */
async function startApi(token: string) {
  const server = createServer((request, response) => {
    const ok = request.headers.authorization === `Bearer ${token}`;
    response
      .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      .end(
        JSON.stringify(
          ok
            ? { hello: 'world', sawToken: request.headers.authorization }
            : { message: 'bad token' },
        ),
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

let home: string;
let cli: ReturnType<typeof cliRunner>;
const token = createCanary('cli');
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'knotwork-cli-credentials-'));
  cli = cliRunner({
    cwd: packageDir,
    env: { KNOTWORK_HOME: home, KNOTWORK_MASTER_KEY: masterKey, KNOTWORK_KEY_SOURCE: 'env' },
  });
  api = await startApi(token);
});
afterAll(() => api.close());

async function storeBytes(): Promise<string> {
  const files = await readdir(home);
  const contents = await Promise.all(files.map((file) => readFile(join(home, file))));
  return Buffer.concat(contents).toString('latin1');
}

describe('knotwork credentials with a saved API token', () => {
  test('add saves the credential and tests it on the spot', async () => {
    const data = JSON.stringify({ token, testUrl: `${api.url}/me` });
    const result = await cli([
      'credentials',
      'add',
      'webhook.bearerToken',
      '--name',
      'my-api',
      '--data',
      data,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Saved my-api \(webhook\.bearerToken, id [0-9a-f-]{36}\)\.$/m);
    expect(result.stdout).toContain(`✔ ${api.url}/me answered 200 with the credential applied`);
  });

  test('a second credential with the same name is refused, naming it', async () => {
    const result = await cli([
      'credentials',
      'add',
      'webhook.bearerToken',
      '--name',
      'my-api',
      '--data',
      '{"token":"other-token"}',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/my-api/);
  });

  test('bad data names the field and saves nothing', async () => {
    const result = await cli([
      'credentials',
      'add',
      'webhook.headerAuth',
      '--name',
      'bad',
      '--data',
      '{"name":"X Key"}',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('name: A header name');
    expect(result.stderr).toContain('value:');
    const list = await cli(['credentials', 'list', '--json']);
    expect(JSON.parse(list.stdout).map((item: { name: string }) => item.name)).toEqual(['my-api']);
  });

  test('data can come from standard input', async () => {
    const result = await cli(
      ['credentials', 'add', 'webhook.basicAuth', '--name', 'piped', '--data', '-'],
      {
        stdin: JSON.stringify({ username: 'ann', password: 'pw-from-stdin' }),
      },
    );
    expect(result.code).toBe(0);
    await cli(['credentials', 'delete', 'piped', '--yes']);
  });

  test('list shows status and never a secret', async () => {
    const result = await cli(['credentials', 'list']);
    expect(result.stdout).toMatch(/^my-api\s+webhook\.bearerToken\s+ok\s+never\s+/m);
    const json = await cli(['credentials', 'list', '--json']);
    expect(json.stdout).not.toContain(token);
  });

  test('run uses the saved credential by name, and the output hides the token', async () => {
    const result = await cli([
      'run',
      'webhook.call',
      '--credential',
      'my-api',
      '--input',
      JSON.stringify({ url: `${api.url}/hello` }),
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    // The whole Authorization value is a secret once sent, so even its echo is masked.
    expect(output.body).toEqual({ hello: 'world', sawToken: '[redacted]' });
    const list = await cli(['credentials', 'list', '--json']);
    expect(JSON.parse(list.stdout)[0].lastUsedAt).not.toBeNull();
  });

  test('the store on disk holds no plaintext secret', async () => {
    expect(await storeBytes()).not.toContain(token);
  });

  test('rotate-key with an environment key explains how to hand over a new one', async () => {
    const refused = await cli(['credentials', 'rotate-key']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('KNOTWORK_MASTER_KEY_PREVIOUS');
  });

  test('rotate-key re-encrypts under the new key, and the credential still works', async () => {
    const newKey = Buffer.alloc(32, 9).toString('base64');
    const rotating = cliRunner({
      cwd: packageDir,
      env: {
        KNOTWORK_HOME: home,
        KNOTWORK_MASTER_KEY: newKey,
        KNOTWORK_MASTER_KEY_PREVIOUS: masterKey,
        KNOTWORK_KEY_SOURCE: 'env',
      },
    });
    const rotated = await rotating(['credentials', 'rotate-key']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout).reencrypted).toBeGreaterThanOrEqual(1);
    cli = cliRunner({
      cwd: packageDir,
      env: { KNOTWORK_HOME: home, KNOTWORK_MASTER_KEY: newKey, KNOTWORK_KEY_SOURCE: 'env' },
    });
    const tested = await cli(['credentials', 'test', 'my-api']);
    expect(tested.stdout).toContain('✔');
    // The old key alone no longer opens the store.
    const oldOnly = cliRunner({
      cwd: packageDir,
      env: { KNOTWORK_HOME: home, KNOTWORK_MASTER_KEY: masterKey, KNOTWORK_KEY_SOURCE: 'env' },
    });
    const refused = await oldOnly(['credentials', 'test', 'my-api']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/key/i);
  });

  test('test reports a failing credential with a hint and exits 1', async () => {
    await cli([
      'credentials',
      'add',
      'webhook.bearerToken',
      '--name',
      'stale',
      '--data',
      JSON.stringify({ token: 'stale-token', testUrl: `${api.url}/me` }),
    ]);
    const result = await cli(['credentials', 'test', 'stale']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✘ .*401/);
    expect(result.stdout).toMatch(/Hint: .*rejected the credential/);
    const list = await cli(['credentials', 'list']);
    expect(list.stdout).toMatch(/^stale\s+webhook\.bearerToken\s+failing/m);
  });

  test('run with an unknown credential name suggests the closest', async () => {
    const result = await cli([
      'run',
      'webhook.call',
      '--credential',
      'my-apj',
      '--input',
      '{"url":"http://127.0.0.1:1/"}',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean "my-api"?');
  });

  test('run refuses a credential of a type the node does not take', async () => {
    await cli([
      'credentials',
      'add',
      'webhook.hmacSecret',
      '--name',
      'signing',
      '--data',
      '{"secret":"0123456789abcdef"}',
    ]);
    const result = await cli([
      'run',
      'webhook.call',
      '--credential',
      'signing',
      '--input',
      '{"url":"http://127.0.0.1:1/"}',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('webhook.hmacSecret');
    expect(result.stderr).toContain('accepts webhook.bearerToken or webhook.headerAuth');
  });

  test('delete without --yes and without a terminal asks for --yes; with it, deletes', async () => {
    const refused = await cli(['credentials', 'delete', 'stale']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    const deleted = await cli(['credentials', 'delete', 'stale', '--yes']);
    expect(deleted.stdout).toBe('Deleted stale.\n');
  });
});

describe('knotwork credentials connect (OAuth2 against a local provider)', () => {
  test('connects, runs with the token, refreshes when the token expires, and revokes on delete', async () => {
    const provider = await startFakeOAuthProvider();
    try {
      const data = JSON.stringify({
        authorizationUrl: provider.provider.authorizationUrl,
        tokenUrl: provider.provider.tokenUrl,
        ...(provider.provider.revocationUrl
          ? { revocationUrl: provider.provider.revocationUrl }
          : {}),
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        scopes: 'read offline_access',
      });
      let approved: Promise<void> | undefined;
      const connecting = cli(
        [
          'credentials',
          'connect',
          'webhook.oauth2',
          '--name',
          'local-oauth',
          '--data',
          data,
          '--port',
          '0',
          '--no-open',
        ],
        {
          onStdout: (stdout) => {
            const url = /^ {2}(http\S+)$/m.exec(stdout)?.[1];
            if (url && !approved) {
              // Play the person: approve at the provider, follow the redirect to the CLI.
              approved = provider.approve(url).then(async (callbackUrl) => {
                await fetch(callbackUrl);
              });
            }
          },
        },
      );
      const connected = await connecting;
      await approved;
      expect(connected.stderr).toBe('');
      expect(connected.code).toBe(0);
      expect(connected.stdout).toMatch(/Connected local-oauth \(token valid until /);

      const first = await cli([
        'run',
        'webhook.call',
        '--credential',
        'local-oauth',
        '--input',
        JSON.stringify({ url: provider.resourceUrl }),
      ]);
      expect(first.code, first.stderr).toBe(0);
      expect(provider.tokenRequests.refresh_token).toBe(0);

      provider.expireAccessTokens();
      const second = await cli([
        'run',
        'webhook.call',
        '--credential',
        'local-oauth',
        '--input',
        JSON.stringify({ url: provider.resourceUrl }),
      ]);
      expect(second.code, second.stderr).toBe(0);
      expect(provider.tokenRequests.refresh_token).toBe(1);

      const deleted = await cli(['credentials', 'delete', 'local-oauth', '--yes']);
      expect(deleted.stdout).toContain('revoked');
    } finally {
      await provider.close();
    }
  });
});
