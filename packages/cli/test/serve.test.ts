import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../src/main.js';
import { cliRunner } from './run-cli.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let env: NodeJS.ProcessEnv;
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  env = {
    KNOTWORK_HOME: await mkdtemp(join(tmpdir(), 'knotwork-cli-serve-')),
    KNOTWORK_MASTER_KEY: Buffer.alloc(32, 4).toString('base64'),
    KNOTWORK_KEY_SOURCE: 'env',
  };
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

test('knotwork serve prints the URL, answers there, and stops when asked', async () => {
  let stdout = '';
  let stop = () => {};
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((done) => {
    announced = done;
  });
  const exit = main(['serve', '--port', '0'], {
    stdout: (text) => {
      stdout += text;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0];
      if (found) announced(found);
    },
    stderr: () => {},
    cwd: packageDir,
    env,
    untilStopped: () =>
      new Promise<void>((done) => {
        stop = done;
      }),
  });
  const session = await fetch(`${await url}/api/session`);
  expect(session.status).toBe(200);
  stop();
  expect(await exit).toBe(0);
});

test('a busy port is one clear message naming the port and the fix, not a stack', async () => {
  const result = await cliRunner({ cwd: packageDir, env })(['serve', '--port', String(busyPort)]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Port ${busyPort}`);
  expect(result.stderr).toMatch(/--port .*KNOTWORK_PORT/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test('KNOTWORK_PORT is used when --port is not given', async () => {
  const result = await cliRunner({
    cwd: packageDir,
    env: { ...env, KNOTWORK_PORT: String(busyPort) },
  })(['serve']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Port ${busyPort}`);
});

test('a non-loopback host without KNOTWORK_AUTH_TOKEN is refused, naming the variable', async () => {
  const result = await cliRunner({ cwd: packageDir, env })(['serve', '--host', '0.0.0.0']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('KNOTWORK_AUTH_TOKEN');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
