import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIntegrationError } from '@knotwork/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudio } from '../../src/index.js';
import { packageDir } from '../support/open-studio.js';

let env: NodeJS.ProcessEnv;
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  const home = await mkdtemp(join(tmpdir(), 'knotwork-studio-serve-'));
  env = {
    KNOTWORK_HOME: home,
    KNOTWORK_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
    KNOTWORK_KEY_SOURCE: 'env',
  };
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

test('starts on 127.0.0.1, prints its URL and answers there', async () => {
  let printed = '';
  const studio = await startStudio({
    port: 0,
    dirs: [packageDir],
    env,
    webRoot: join(packageDir, 'no-such-web-build'),
    print: (text) => {
      printed += text;
    },
  });
  try {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed).toContain(studio.url);
    const session = await fetch(`${studio.url}/api/session`);
    expect(session.status).toBe(200);
    expect(((await session.json()) as { authRequired: boolean }).authRequired).toBe(false);
    const page = await fetch(`${studio.url}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('not built');
  } finally {
    await studio.close();
  }
});

test('a busy port is a clear error naming the port and the way out', async () => {
  const failure = await startStudio({
    port: busyPort,
    dirs: [packageDir],
    env,
    print: () => {},
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isIntegrationError(failure)).toBe(true);
  const error = failure as Error & { code: string; hint: string };
  expect(error.code).toBe('port_in_use');
  expect(error.message).toContain(`Port ${busyPort}`);
  expect(error.hint).toContain('--port');
  expect(error.hint).toContain('KNOTWORK_PORT');
});

test('KNOTWORK_PORT picks the port when no flag does', async () => {
  await expect(
    startStudio({
      dirs: [packageDir],
      env: { ...env, KNOTWORK_PORT: String(busyPort) },
      print: () => {},
    }),
  ).rejects.toThrow(`Port ${busyPort}`);
});

test('a port that is not a number is named', async () => {
  await expect(startStudio({ port: 'eighty', env, print: () => {} })).rejects.toThrow(
    /"eighty" is not a port number/,
  );
});
