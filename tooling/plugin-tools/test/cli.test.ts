import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli.js';
import { captureOutput, fakeRepo, removeFakeRepos } from './fake-repo.js';

afterAll(removeFakeRepos);

const run = (args: string[], output = captureOutput()) =>
  main(['node', 'knotwork-plugin', ...args], output);

describe('knotwork-plugin command line', () => {
  test('manifest --check --dir checks the named plugin', async () => {
    const repo = await fakeRepo();
    const output = captureOutput();

    expect(await run(['manifest', '--check', '--dir', repo.plugin], output)).toBe(0);
    expect(output.lines).toEqual(['plugins/acme/knotwork.manifest.json matches the code']);
  });

  test('lint --root exits 1 when a plugin has a problem', async () => {
    const repo = await fakeRepo();
    await repo.remove('plugins/acme/README.md');
    const output = captureOutput();

    expect(await run(['lint', '--root', repo.root], output)).toBe(1);
    expect(output.lines[0]).toBe(
      'plugins/acme: no README.md — write one: what the plugin does, its credential and its nodes',
    );
  });

  test('prints a known failure as a plain message and exits 1', async () => {
    const repo = await fakeRepo();
    await repo.remove('plugins/acme/dist');
    const output = captureOutput();

    expect(await run(['manifest', '--dir', repo.plugin], output)).toBe(1);
    expect(output.errors).toEqual([
      'plugins/acme/dist/index.js does not exist — run `pnpm build` in plugins/acme (or `pnpm --filter @knotwork/plugin-acme build`) first',
    ]);
  });

  test('create --no-install scaffolds without running pnpm', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'knotwork-plugin-tools-cli-')));
    await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    const output = captureOutput();

    try {
      expect(
        await run(
          ['create', 'demo-thing', '--root', root, '--no-install', '--display-name', 'Demo'],
          output,
        ),
      ).toBe(0);
      expect(output.lines[0]).toMatch(/^created plugins\/demo-thing\/ with 13 files/);
      expect(output.lines[1]).toMatch(/^skipped install and build/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('create refuses a bad name before writing anything', async () => {
    const output = captureOutput();

    expect(await run(['create', 'Bad_Name', '--root', tmpdir(), '--no-install'], output)).toBe(1);
    expect(output.errors[0]).toMatch(/^"Bad_Name" is not a valid plugin name/);
  });

  test('an unknown command exits non-zero with commander’s message', async () => {
    const output = captureOutput();

    expect(await run(['frobnicate'], output)).not.toBe(0);
    expect(output.errors.join('\n')).toMatch(/unknown command 'frobnicate'/);
  });

  test('--help exits 0', async () => {
    const output = captureOutput();

    expect(await run(['--help'], output)).toBe(0);
    expect(output.lines.join('\n')).toMatch(/manifest[\s\S]*lint[\s\S]*create/);
  });
});
