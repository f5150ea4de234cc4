import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CredentialsManager,
  credentialResolver,
  generateMasterKey,
  MemoryKeySource,
  OAuthConnections,
} from '@knotwork/credentials';
import { createHost } from '@knotwork/host';
import { defineCredential, defineNode, definePlugin, secret, z } from '@knotwork/sdk';
import { median, report } from './measure.mjs';

const CALLS = 20_000;
const COLD_RUNS = 15;
const TARGET_US = 50;

const apiKey = defineCredential({
  key: 'apiKey',
  displayName: 'API key',
  kind: 'apiKey',
  schema: z.object({ key: secret(), region: z.string().default('eu') }),
  authenticate: { type: 'header', name: 'x-api-key', field: 'key' },
  test: async () => ({ ok: true, message: 'ok' }),
});
const noop = defineNode({
  key: 'noop',
  kind: 'action',
  displayName: 'No-op',
  description: 'Returns its input',
  credentials: [apiKey],
  input: z.object({ value: z.number() }),
  output: z.object({ value: z.number() }),
  run: async (_ctx, input) => input,
});
const plugin = definePlugin({
  name: 'credbench',
  displayName: 'Credential bench',
  description: 'x',
  categories: [],
  credentials: [apiKey],
  nodes: [noop],
});

const data = { key: 'bench-secret-0123456789', region: 'eu' };

/** Opens a store on disk, a host wired to it, as the CLI does. */
async function openStack(home, keySource) {
  let resolve;
  const host = await createHost({
    definitions: [plugin],
    credentialResolver: (reference) => resolve(reference),
  });
  const types = {
    describe: (type) => host.credentialType(type),
    provider: () => {
      throw new Error('no oauth here');
    },
    validate: (type, values) => host.validateCredential(type, values),
    test: async () => ({ ok: true, message: 'ok' }),
  };
  const manager = await CredentialsManager.open({ home, types, keySource, env: {} });
  resolve = credentialResolver(manager, new OAuthConnections(manager, types));
  return { host, manager };
}

/** host.execute with a saved credential (by name) vs the same credential inline. */
export async function credentialsBench() {
  const home = await mkdtemp(join(tmpdir(), 'knotwork-bench-credentials-'));
  const keySource = new MemoryKeySource([generateMasterKey()]);
  const setup = await openStack(home, keySource);
  await setup.manager.saveCredential({ name: 'bench', type: 'credbench.apiKey', data });
  await setup.manager.close();

  const input = { value: 1 };
  const inline = { credential: { type: 'credbench.apiKey', data } };
  const saved = { credential: 'bench' };

  const coldTimes = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const stack = await openStack(home, keySource);
    await stack.host.execute('credbench.noop', input, inline);
    const start = performance.now();
    await stack.host.execute('credbench.noop', input, saved);
    coldTimes.push(performance.now() - start);
    await stack.manager.close();
  }
  const coldMs = median(coldTimes);

  const { host, manager } = await openStack(home, keySource);
  for (let i = 0; i < 2_000; i++) {
    await host.execute('credbench.noop', input, inline);
    await host.execute('credbench.noop', input, saved);
  }
  let start = performance.now();
  for (let i = 0; i < CALLS; i++) await host.execute('credbench.noop', input, inline);
  const inlineUs = ((performance.now() - start) / CALLS) * 1000;
  start = performance.now();
  for (let i = 0; i < CALLS; i++) await host.execute('credbench.noop', input, saved);
  const savedUs = ((performance.now() - start) / CALLS) * 1000;
  await manager.close();

  const addedUs = savedUs - inlineUs;
  report(
    `Resolving a saved credential per execute (SQLite store, ${CALLS.toLocaleString('en')} calls)`,
    [
      ['execute with the credential inline', `${inlineUs.toFixed(1)} µs`],
      ['execute with a saved credential, warm', `${savedUs.toFixed(1)} µs`],
      ['added per call, warm', `${addedUs.toFixed(1)} µs`],
      ['first execute after opening the store, cold', `${(coldMs * 1000).toFixed(0)} µs`],
      ['ratio (saved / inline), warm', (savedUs / inlineUs).toFixed(2)],
    ],
    `${addedUs <= TARGET_US ? 'PASS' : 'MISS'}: target <= ${TARGET_US} µs added when warm`,
  );
}
