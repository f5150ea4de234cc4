import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { releasedPackages } from '../src/changesets.js';
import { createPlugin } from '../src/create-plugin.js';
import { lintPlugin } from '../src/lint.js';
import { captureOutput } from './fake-repo.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let root: string;
beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'knotwork-plugin-tools-create-')));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - plugins/*\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

function create(name: string, extra: { displayName?: string } = {}) {
  return createPlugin({ root, name, install: false, ...extra }, captureOutput());
}

const read = (path: string) => readFile(join(root, path), 'utf8');

describe('knotwork-plugin create', () => {
  test('writes the whole plugin, its docs page and its changeset', async () => {
    const created = await create('demo-thing');

    expect(created.files.sort()).toEqual(
      [
        '.changeset/demo-thing-plugin.md',
        'docs/integrations/demo-thing.md',
        'plugins/demo-thing/README.md',
        'plugins/demo-thing/package.json',
        'plugins/demo-thing/src/credentials.ts',
        'plugins/demo-thing/src/errors.ts',
        'plugins/demo-thing/src/index.ts',
        'plugins/demo-thing/src/nodes/get-item.ts',
        'plugins/demo-thing/test/fixtures/error-not-found.json',
        'plugins/demo-thing/test/fixtures/item.json',
        'plugins/demo-thing/test/fixtures/me.json',
        'plugins/demo-thing/test/get-item.test.ts',
        'plugins/demo-thing/tsconfig.json',
        'plugins/demo-thing/tsup.config.ts',
        'plugins/demo-thing/vitest.config.ts',
      ].sort(),
    );
    for (const file of created.files) expect(await read(file)).not.toMatch(/\{\{|\}\}/);
  });

  test('fills in the names: package, plugin, display name and import name', async () => {
    await create('demo-thing');

    const packageJson = JSON.parse(await read('plugins/demo-thing/package.json'));
    expect(packageJson).toMatchObject({
      name: '@knotwork/plugin-demo-thing',
      keywords: expect.arrayContaining(['knotwork-plugin']),
      knotwork: { manifest: './knotwork.manifest.json', entry: './dist/index.js' },
      peerDependencies: { '@knotwork/sdk': expect.stringMatching(/^\^\d+\.\d+\.\d+/) },
      scripts: { test: 'knotwork-plugin manifest --check && vitest run' },
    });
    expect(Object.keys(packageJson.exports['.'])).toEqual(['types', 'default']);
    expect(await read('plugins/demo-thing/src/index.ts')).toContain("name: 'demo-thing',");
    expect(await read('plugins/demo-thing/src/index.ts')).toContain("displayName: 'Demo Thing',");
    expect(await read('plugins/demo-thing/README.md')).toContain(
      "import demoThing from '@knotwork/plugin-demo-thing';",
    );
    expect(await read('plugins/demo-thing/tsup.config.ts')).toContain(
      '../../tooling/presets/tsup.preset.js',
    );
  });

  test('uses the display name given', async () => {
    await create('github', { displayName: 'GitHub' });

    expect(await read('plugins/github/src/index.ts')).toContain("displayName: 'GitHub',");
    expect(await read('docs/integrations/github.md')).toMatch(/^# GitHub\n/);
  });

  test('writes a changeset that releases the new package as a minor', async () => {
    await create('demo-thing');

    expect(releasedPackages(await read('.changeset/demo-thing-plugin.md'))).toEqual([
      '@knotwork/plugin-demo-thing',
    ]);
    expect(await read('.changeset/demo-thing-plugin.md')).toMatch(
      /"@knotwork\/plugin-demo-thing": minor/,
    );
  });

  test('leaves only the build to do: lint asks for nothing but `pnpm build`', async () => {
    const created = await create('demo-thing');

    const { problems } = await lintPlugin(root, created.dir);

    expect(problems).toEqual([
      'dist/index.js does not exist — run `pnpm build` in plugins/demo-thing (or `pnpm --filter @knotwork/plugin-demo-thing build`) first (manifest, credentials and nodes were not checked)',
    ]);
  });

  test('tells how to finish when install is skipped', async () => {
    const output = captureOutput();

    await createPlugin({ root, name: 'demo-thing', install: false }, output);

    expect(output.all()).toContain(
      'skipped install and build: run `pnpm install && pnpm --filter @knotwork/plugin-demo-thing build && pnpm --filter @knotwork/plugin-demo-thing manifest`',
    );
  });

  test.each(['Demo', 'demo_thing', '1password', 'demo-', 'demo--thing', '-demo', 'demo thing', ''])(
    'refuses the name %j and says what a name may hold',
    async (name) => {
      await expect(create(name)).rejects.toThrow(
        'is not a valid plugin name: use lowercase letters, digits and single dashes, starting with a letter (e.g. "google-sheets")',
      );
    },
  );

  test('refuses a plugin folder that already exists and changes nothing', async () => {
    await mkdir(join(root, 'plugins/demo-thing'), { recursive: true });
    await writeFile(join(root, 'plugins/demo-thing/keep.txt'), 'mine');

    await expect(create('demo-thing')).rejects.toThrow(
      'plugins/demo-thing already exists — pick another name, or remove the folder to start over',
    );
    expect(await read('plugins/demo-thing/keep.txt')).toBe('mine');
    await expect(read('docs/integrations/demo-thing.md')).rejects.toThrow(/ENOENT/);
  });

  test('refuses to overwrite an existing docs page', async () => {
    await mkdir(join(root, 'docs/integrations'), { recursive: true });
    await writeFile(join(root, 'docs/integrations/demo-thing.md'), '# Written by hand\n');

    await expect(create('demo-thing')).rejects.toThrow(
      'docs/integrations/demo-thing.md already exists — move it away, or pick another plugin name',
    );
    await expect(read('plugins/demo-thing/package.json')).rejects.toThrow(/ENOENT/);
  });

  test("writes files the repo's biome accepts as they are", async () => {
    await create('demo-thing');
    const biome = join(REPO_ROOT, 'node_modules/.bin/biome');

    const result = spawnSync(
      biome,
      ['check', '--config-path', join(REPO_ROOT, 'biome.json'), '--vcs-enabled=false', root],
      { encoding: 'utf8' },
    );

    expect(result.stdout + result.stderr).not.toMatch(/Formatter would have printed|×/);
    expect(result.status).toBe(0);
  });
});
