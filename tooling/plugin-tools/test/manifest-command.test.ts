import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema } from '@knotwork/sdk';
import { afterAll, describe, expect, test } from 'vitest';
import { runManifestCommand } from '../src/manifest-command.js';
import { captureOutput, fakeRepo, removeFakeRepos } from './fake-repo.js';

afterAll(removeFakeRepos);

async function manifestOf(plugin: string): Promise<string> {
  return readFile(join(plugin, 'knotwork.manifest.json'), 'utf8');
}

describe('knotwork-plugin manifest', () => {
  test('writes a manifest hosts accept, with the package identity and SDK range', async () => {
    const repo = await fakeRepo({ manifest: false });
    const output = captureOutput();

    const code = await runManifestCommand({ dir: repo.plugin, check: false }, output);

    expect(code).toBe(0);
    expect(output.lines).toEqual([
      'wrote plugins/acme/knotwork.manifest.json (1 node, 1 credential type)',
    ]);
    const manifest = manifestSchema.parse(JSON.parse(await manifestOf(repo.plugin)));
    expect(manifest).toMatchObject({
      name: 'acme',
      package: '@knotwork/plugin-acme',
      sdk: '^0.1.0',
    });
    expect(manifest.nodes.map((node) => node.key)).toEqual(['acme.getThing']);
  });

  test('says the manifest is up to date when run twice', async () => {
    const repo = await fakeRepo();
    const output = captureOutput();

    expect(await runManifestCommand({ dir: repo.plugin, check: false }, output)).toBe(0);
    expect(output.lines[0]).toMatch(/plugins\/acme\/knotwork.manifest.json is up to date/);
  });

  test('--check passes when the committed manifest matches the code', async () => {
    const repo = await fakeRepo();
    const output = captureOutput();

    expect(await runManifestCommand({ dir: repo.plugin, check: true }, output)).toBe(0);
    expect(output.errors).toEqual([]);
  });

  test('--check fails on a stale manifest, names the fix and shows the first differing lines', async () => {
    const repo = await fakeRepo();
    const path = join(repo.plugin, 'knotwork.manifest.json');
    const committed = await manifestOf(repo.plugin);
    const stale = committed.replace('"Gets one thing by its id."', '"An older description."');
    await writeFile(path, stale);
    const output = captureOutput();

    const code = await runManifestCommand({ dir: repo.plugin, check: true }, output);

    expect(code).toBe(1);
    expect(output.errors[0]).toBe(
      '@knotwork/plugin-acme: plugins/acme/knotwork.manifest.json does not match what the code builds — run `pnpm manifests` (or `pnpm --filter @knotwork/plugin-acme manifest`) and commit the file',
    );
    expect(output.errors).toContain('-       "description": "An older description.",');
    expect(output.errors).toContain('+       "description": "Gets one thing by its id.",');
    expect(await manifestOf(repo.plugin)).toBe(stale);
  });

  test('--check fails when the manifest was never committed, and writes nothing', async () => {
    const repo = await fakeRepo({ manifest: false });
    const output = captureOutput();

    const code = await runManifestCommand({ dir: repo.plugin, check: true }, output);

    expect(code).toBe(1);
    expect(output.errors[0]).toMatch(
      /plugins\/acme\/knotwork.manifest.json is missing — run `pnpm manifests`/,
    );
    await expect(manifestOf(repo.plugin)).rejects.toThrow(/ENOENT/);
  });

  test('tells to run pnpm build when the built entry is missing', async () => {
    const repo = await fakeRepo({ manifest: false });
    await repo.remove('plugins/acme/dist');

    await expect(
      runManifestCommand({ dir: repo.plugin, check: false }, captureOutput()),
    ).rejects.toThrow(
      'plugins/acme/dist/index.js does not exist — run `pnpm build` in plugins/acme (or `pnpm --filter @knotwork/plugin-acme build`) first',
    );
  });

  test('refuses an entry whose default export is not a plugin definition', async () => {
    const repo = await fakeRepo({ manifest: false, defaultExport: "{ name: 'acme' }" });

    await expect(
      runManifestCommand({ dir: repo.plugin, check: false }, captureOutput()),
    ).rejects.toThrow(
      /plugins\/acme\/dist\/index.js does not default-export a plugin — src\/index.ts must `export default definePlugin/,
    );
  });

  test('names the plugin problem when its code throws on load', async () => {
    const repo = await fakeRepo({
      manifest: false,
      defaultExport:
        "definePlugin({ name: 'Bad Name', displayName: 'x', description: 'x', categories: [], nodes: [] })",
    });

    await expect(
      runManifestCommand({ dir: repo.plugin, check: false }, captureOutput()),
    ).rejects.toThrow(
      /plugins\/acme\/dist\/index.js failed to load — fix the source[\s\S]*name "Bad Name" must be lowercase/,
    );
  });

  test('asks for the SDK peer range the manifest records', async () => {
    const repo = await fakeRepo({ manifest: false });
    const json = JSON.parse(await readFile(join(repo.plugin, 'package.json'), 'utf8'));
    delete json.peerDependencies;
    await repo.writePackageJson(json);

    await expect(
      runManifestCommand({ dir: repo.plugin, check: false }, captureOutput()),
    ).rejects.toThrow(
      /plugins\/acme\/package.json has no peerDependencies\["@knotwork\/sdk"\] — add/,
    );
  });

  test('explains a folder that is not a package', async () => {
    const repo = await fakeRepo();

    await expect(
      runManifestCommand({ dir: join(repo.root, 'docs'), check: false }, captureOutput()),
    ).rejects.toThrow(
      'docs/package.json does not exist — run knotwork-plugin inside a plugin folder, or pass --dir <pluginDir>',
    );
  });
});
