import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { defineOAuthProvider, definePlugin } from '@knotwork/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createHost,
  discoverInstalledPlugins,
  type Host,
  type PluginProblem,
} from '../src/index.js';
import { createPluginTree, type PluginTree } from './fixtures/plugin-packages.js';

let tree: PluginTree;
let host: Host;

beforeAll(async () => {
  tree = await createPluginTree();
  host = await createHost({ dirs: [tree.root] });
});

afterAll(async () => {
  await host?.close();
  await tree?.remove();
});

function problemOf(packageName: string): PluginProblem {
  const found = host.problems().filter((problem) => problem.package === packageName);
  expect(found, `problems for ${packageName}`).toHaveLength(1);
  return found[0]!;
}

// These run first and in order: nothing may have imported a plugin yet.
describe('listing from manifests', () => {
  test('lists the good plugins: plain, scoped and reached through a pnpm symlink', () => {
    expect(host.plugins().map((plugin) => [plugin.name, plugin.package])).toEqual([
      ['acme-x', '@acme/knotwork-plugin-x'],
      ['pnpmed', 'knotwork-plugin-pnpmed'],
      ['twin', expect.stringMatching(/^knotwork-plugin-twin-[ab]$/)],
      ['weather', 'knotwork-plugin-weather'],
    ]);
    const weather = host.plugins().find((plugin) => plugin.name === 'weather')!;
    expect(weather).toMatchObject({
      version: '1.0.0',
      displayName: 'Weather',
      description: 'Forecasts for any city',
      categories: ['data'],
      nodeCount: 1,
      credentialTypes: ['weather.googleAccount'],
    });
  });

  test('a plugin installed through a symlink is known by its real folder', async () => {
    const pnpmed = host.plugins().find((plugin) => plugin.name === 'pnpmed')!;

    expect(pnpmed.source).toBe(await realpath(tree.dirs.pnpmed));
    expect(pnpmed.source).toContain(join('.pnpm', 'knotwork-plugin-pnpmed@1.0.0'));
  });

  test('lists every node and credential type of the good plugins', () => {
    expect(host.nodes().map((node) => node.key)).toEqual([
      'acme-x.appendRow',
      'pnpmed.ping',
      'twin.forecast',
      'weather.forecast',
    ]);
    expect(host.node('weather.forecast')).toMatchObject({
      displayName: 'Forecast',
      kind: 'action',
      credential: null,
      input: { type: 'object', required: ['city'] },
    });
    expect(host.credentialTypes().map((credential) => credential.type)).toEqual(
      expect.arrayContaining(['weather.googleAccount']),
    );
    expect(host.credentialType('weather.googleAccount')).toMatchObject({
      kind: 'oauth2',
      oauth: { provider: 'google', scopes: ['calendar'], grant: 'authorization_code' },
    });
  });

  test('an OAuth provider two plugins declare is listed once, declared by both, with both scope sets', () => {
    const providers = host.oauthProviders();
    const google = providers.filter((provider) => provider.key === 'google');

    expect(google).toHaveLength(1);
    expect([...google[0]!.declaredBy].sort()).toEqual(['acme-x', 'weather']);
    expect(google[0]!.scopes).toEqual({
      calendar: ['https://www.googleapis.com/auth/calendar.readonly'],
      sheets: ['https://www.googleapis.com/auth/spreadsheets'],
    });
  });

  test('two declarations that agree on the URLs report no conflict', () => {
    const google = host.oauthProviders().find((provider) => provider.key === 'google');
    expect(google?.conflicts).toEqual([]);
  });

  test('two declarations with different token URLs are reported, naming both plugins', async () => {
    const one = definePlugin({
      name: 'one',
      displayName: 'One',
      description: 'x',
      categories: [],
      oauthProviders: [
        defineOAuthProvider({
          key: 'shared',
          displayName: 'Shared',
          authorizationUrl: 'https://auth.example.test/authorize',
          tokenUrl: 'https://auth.example.test/token',
        }),
      ],
      nodes: [],
    });
    const two = definePlugin({
      name: 'two',
      displayName: 'Two',
      description: 'x',
      categories: [],
      oauthProviders: [
        defineOAuthProvider({
          key: 'shared',
          displayName: 'Shared',
          authorizationUrl: 'https://auth.example.test/authorize',
          tokenUrl: 'https://auth.example.test/oauth/token',
        }),
      ],
      nodes: [],
    });
    const both = await createHost({ definitions: [one, two] });
    expect(both.oauthProviders()[0]?.conflicts).toEqual([
      'two declares tokenUrl https://auth.example.test/oauth/token, but one declares https://auth.example.test/token',
    ]);
  });

  test("merging scope sets leaves each plugin's own manifest as it was", () => {
    host.oauthProviders();
    host.oauthProviders();

    expect(host.manifest('weather')?.oauthProviders[0]?.scopes).toEqual({
      calendar: ['https://www.googleapis.com/auth/calendar.readonly'],
    });
    expect(host.manifest('acme-x')?.oauthProviders[0]?.scopes).toEqual({
      sheets: ['https://www.googleapis.com/auth/spreadsheets'],
    });
  });

  test('a manifest that is not JSON is reported with the package and the file', () => {
    const problem = problemOf('knotwork-plugin-bad-json');

    expect(problem.problem).toMatch(/^manifest is not valid JSON: /);
    expect(problem.path).toBe(
      join(tree.root, 'node_modules', 'knotwork-plugin-bad-json', 'knotwork.manifest.json'),
    );
  });

  test('a manifest missing a field is reported naming the field', () => {
    const problem = problemOf('knotwork-plugin-no-title');

    expect(problem.problem).toMatch(
      /^manifest does not match the knotwork manifest format: displayName: /,
    );
  });

  test('a missing manifest file is reported', () => {
    expect(problemOf('knotwork-plugin-no-manifest').problem).toMatch(/^manifest file is missing/);
  });

  test('a missing entry file is reported naming the entry', () => {
    const problem = problemOf('knotwork-plugin-no-entry');

    expect(problem.problem).toBe(
      'entry file ./dist/index.js is missing: build the plugin before installing it',
    );
    expect(problem.path).toBe(
      join(tree.root, 'node_modules', 'knotwork-plugin-no-entry', 'dist', 'index.js'),
    );
  });

  test('a plugin built for another SDK major is reported with both versions', () => {
    const problem = problemOf('knotwork-plugin-future');

    expect(problem.problem).toContain('built for @knotwork/sdk ^9.0.0, but this host has 0.1.0');
    expect(host.plugins().some((plugin) => plugin.name === 'future')).toBe(false);
  });

  test('the second plugin with a taken name is skipped and reported naming the first', () => {
    const kept = host.plugins().find((plugin) => plugin.name === 'twin')!.package;
    const skipped =
      kept === 'knotwork-plugin-twin-a' ? 'knotwork-plugin-twin-b' : 'knotwork-plugin-twin-a';

    const problem = problemOf(skipped);

    expect(problem.problem).toContain(`plugin name "twin" is already taken by ${kept}`);
    expect(host.problems().some((candidate) => candidate.package === kept)).toBe(false);
  });

  test('reports exactly the broken packages and ignores packages that are not plugins', () => {
    expect(
      host
        .problems()
        .map((problem) => problem.package)
        .sort(),
    ).toEqual([
      'knotwork-plugin-bad-json',
      'knotwork-plugin-future',
      'knotwork-plugin-no-entry',
      'knotwork-plugin-no-manifest',
      'knotwork-plugin-no-title',
      expect.stringMatching(/^knotwork-plugin-twin-[ab]$/),
    ]);
  });

  test('discovery finds plugins by keyword only', async () => {
    const found = await discoverInstalledPlugins(tree.root);
    const names = found.map((pkg) => pkg.packageJson.name as string);

    expect(names).toContain('@acme/knotwork-plugin-x');
    expect(names).toContain('knotwork-plugin-pnpmed');
    expect(names).not.toContain('left-pad');
    expect(names).not.toContain('knotwork-helpers');
    expect(names).not.toContain('@knotwork/sdk');
  });

  test('listing imported no plugin code', async () => {
    expect(host.loadedPlugins()).toEqual([]);
    expect(existsSync(tree.importLog('weather'))).toBe(false);
    expect(existsSync(tree.importLog('acme-x'))).toBe(false);
    expect(existsSync(tree.importLog('pnpmed'))).toBe(false);
  });

  test('an unknown node key suggests the closest installed one', async () => {
    await expect(host.execute('weather.forcast', { city: 'Oslo' })).rejects.toMatchObject({
      code: 'unknown_node',
      hint: 'Did you mean weather.forecast?',
    });
    expect(host.loadedPlugins()).toEqual([]);
  });
});

describe('running a discovered plugin', () => {
  test('imports exactly that plugin, once, even for 20 concurrent runs', async () => {
    const outputs = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        host.execute('weather.forecast', { city: `City ${index}` }),
      ),
    );

    expect(outputs[0]).toEqual({ city: 'City 0', summary: 'sunny' });
    expect(outputs[19]).toEqual({ city: 'City 19', summary: 'sunny' });
    expect(host.loadedPlugins()).toEqual(['weather']);
    expect(await tree.importCount('weather')).toBe(1);
    expect(await tree.importCount('acme-x')).toBe(0);
  });

  test('a scoped plugin and a pnpm-installed plugin run too', async () => {
    await expect(host.execute('acme-x.appendRow', { values: ['a', 'b'] })).resolves.toEqual({
      appended: 2,
    });
    await expect(host.execute('pnpmed.ping', {})).resolves.toEqual({ pong: true });
    expect(host.loadedPlugins().sort()).toEqual(['acme-x', 'pnpmed', 'weather']);
  });

  test('a plugin named by package is found from resolveFrom, and an unknown one is reported', async () => {
    const named = await createHost({
      packages: ['knotwork-plugin-weather', 'knotwork-plugin-missing'],
      resolveFrom: tree.root,
    });

    expect(named.plugins().map((plugin) => plugin.name)).toEqual(['weather']);
    expect(named.problems()).toEqual([
      {
        package: 'knotwork-plugin-missing',
        path: 'knotwork-plugin-missing',
        problem: 'package not found: install it or give its folder',
      },
    ]);
    await expect(named.execute('weather.forecast', { city: 'Rome' })).resolves.toEqual({
      city: 'Rome',
      summary: 'sunny',
    });
  });
});
