import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runLintCommand } from '../src/lint.js';
import {
  captureOutput,
  type FakePluginOptions,
  type FakeRepo,
  fakePackageJson,
  fakeRepo,
  removeFakeRepos,
} from './fake-repo.js';

afterAll(removeFakeRepos);

type PackageJson = ReturnType<typeof fakePackageJson>;

function editPackageJson(edit: (json: PackageJson) => void) {
  return async (repo: FakeRepo) => {
    const json = fakePackageJson();
    edit(json);
    await repo.writePackageJson(json);
  };
}

async function lint(repo: FakeRepo) {
  const output = captureOutput();
  const code = await runLintCommand(repo.root, output);
  return { code, output };
}

describe('knotwork-plugin lint', () => {
  test('passes a plugin that follows every convention', async () => {
    const repo = await fakeRepo();

    const { code, output } = await lint(repo);

    expect(output.lines).toEqual(['knotwork-plugin lint: 1 plugin checked, no problems']);
    expect(code).toBe(0);
  });

  test('passes a repo with no plugins yet', async () => {
    const repo = await fakeRepo();
    await repo.remove('plugins');

    const { code, output } = await lint(repo);

    expect(code).toBe(0);
    expect(output.lines).toEqual(['knotwork-plugin lint: no plugins under plugins/']);
  });

  const packageProblems: Array<[string, (repo: FakeRepo) => Promise<void>, string]> = [
    [
      'the discovery keyword is missing',
      editPackageJson((json) => {
        json.keywords = ['acme'];
      }),
      'package.json "keywords" lacks "knotwork-plugin" — add it; hosts discover plugins by that keyword',
    ],
    [
      'the knotwork field is missing',
      editPackageJson((json) => {
        delete json.knotwork;
      }),
      'package.json has no "knotwork" field — add "knotwork": {"manifest": "./knotwork.manifest.json", "entry": "./dist/index.js"}',
    ],
    [
      'the knotwork field has no manifest',
      editPackageJson((json) => {
        json.knotwork = { entry: './dist/index.js' };
      }),
      'package.json "knotwork.manifest" is missing — add "manifest": "./knotwork.manifest.json"',
    ],
    [
      'exports lists default before types',
      editPackageJson((json) => {
        json.exports = {
          '.': { default: './dist/index.js', types: './dist/index.d.ts' },
          './package.json': './package.json',
          './knotwork.manifest.json': './knotwork.manifest.json',
        };
      }),
      'package.json exports["."] lists "default" before "types" — put "types" first',
    ],
    [
      'exports does not expose package.json',
      editPackageJson((json) => {
        json.exports = {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './knotwork.manifest.json': './knotwork.manifest.json',
        };
      }),
      'package.json exports lacks "./package.json" — add "./package.json": "./package.json"',
    ],
    [
      'exports does not expose the manifest',
      editPackageJson((json) => {
        json.exports = {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './package.json': './package.json',
        };
      }),
      'package.json exports lacks "./knotwork.manifest.json" — add "./knotwork.manifest.json": "./knotwork.manifest.json"',
    ],
    [
      'files leaves out dist',
      editPackageJson((json) => {
        json.files = ['knotwork.manifest.json'];
      }),
      'package.json "files" lacks "dist" — add it, or npm publishes no code',
    ],
    [
      'files leaves out the manifest',
      editPackageJson((json) => {
        json.files = ['dist'];
      }),
      'package.json "files" lacks "knotwork.manifest.json" — add it, or hosts cannot list the plugin without importing it',
    ],
    [
      'there is no SDK peer dependency',
      editPackageJson((json) => {
        delete json.peerDependencies;
      }),
      'package.json has no peerDependencies["@knotwork/sdk"] — add "@knotwork/sdk": "^0.1.0" to "peerDependencies"',
    ],
    [
      'the package name does not match the plugin',
      editPackageJson((json) => {
        json.name = '@knotwork/plugin-acme-corp';
      }),
      'package "@knotwork/plugin-acme-corp" holds plugin "acme" — name the package @knotwork/plugin-acme or the plugin "acme-corp"',
    ],
  ];

  const fileProblems: Array<[string, (repo: FakeRepo) => Promise<void>, string]> = [
    [
      'the committed manifest is missing',
      (repo) => repo.remove('plugins/acme/knotwork.manifest.json'),
      'knotwork.manifest.json is missing — run `pnpm manifests` (or `pnpm --filter @knotwork/plugin-acme manifest`) and commit the file',
    ],
    [
      'the committed manifest is stale',
      async (repo) => {
        const path = join(repo.plugin, 'knotwork.manifest.json');
        await writeFile(path, (await readFile(path, 'utf8')).replace('"Acme"', '"Acme Inc"'));
      },
      'knotwork.manifest.json does not match what the code builds — run `pnpm manifests` (or `pnpm --filter @knotwork/plugin-acme manifest`) and commit the file (`knotwork-plugin manifest --check --dir plugins/acme` shows the difference)',
    ],
    [
      'the plugin is not built',
      (repo) => repo.remove('plugins/acme/dist'),
      'dist/index.js does not exist — run `pnpm build` in plugins/acme (or `pnpm --filter @knotwork/plugin-acme build`) first (manifest, credentials and nodes were not checked)',
    ],
    [
      'there are no tests',
      (repo) => repo.remove('plugins/acme/test'),
      'no test files under test/ — add test/<node-name>.test.ts (success, provider error, bad input, redaction)',
    ],
    [
      'a test file holds no tests',
      (repo) =>
        repo.write('plugins/acme/test/get-thing.test.ts', "import { describe } from 'vitest';\n"),
      'test/get-thing.test.ts has no tests in it — write them or delete the file',
    ],
    [
      'there is no README',
      (repo) => repo.remove('plugins/acme/README.md'),
      'no README.md — write one: what the plugin does, its credential and its nodes',
    ],
    [
      'there is no docs page',
      (repo) => repo.remove('docs/integrations/acme.md'),
      'no docs page docs/integrations/acme.md — write it',
    ],
    [
      'there is no src/index.ts',
      (repo) => repo.remove('plugins/acme/src/index.ts'),
      'no src/index.ts — create it with `export default definePlugin({...})`',
    ],
    [
      'no changeset releases it and it has no changelog',
      (repo) =>
        repo.write('.changeset/acme-plugin.md', '---\n"@knotwork/sdk": patch\n---\n\nUnrelated.\n'),
      'no changeset releases @knotwork/plugin-acme and there is no CHANGELOG.md — run `pnpm changeset` or add .changeset/acme-plugin.md with "@knotwork/plugin-acme": minor',
    ],
  ];

  test.each([...packageProblems, ...fileProblems])(
    'reports when %s',
    async (_, breakIt, problem) => {
      const repo = await fakeRepo();
      await breakIt(repo);

      const { code, output } = await lint(repo);

      expect(output.lines).toContain(`plugins/acme: ${problem}`);
      expect(output.lines.at(-1)).toMatch(/^knotwork-plugin lint: \d+ problems? in 1 of 1 plugin$/);
      expect(code).toBe(1);
    },
  );

  // The SDK refuses these definitions when the plugin loads, so lint reports the load
  // failure with the SDK's own words (no manifest can be built for such a plugin).
  const definitionProblems: Array<[string, FakePluginOptions, string]> = [
    [
      'a credential has no test function',
      { credentialTest: false },
      'Credential "apiToken" has no test(): every credential needs a "Test connection" check',
    ],
    [
      'a node has no description',
      { nodeDescription: '  ' },
      'Node "getThing" has no description: say in a sentence what it does',
    ],
  ];

  test.each(definitionProblems)('reports when %s', async (_, options, problem) => {
    const repo = await fakeRepo({ ...options, manifest: false });

    const { code, output } = await lint(repo);

    expect(output.lines.join('\n')).toContain(problem);
    expect(output.lines.at(-1)).toMatch(/^knotwork-plugin lint: \d+ problems? in 1 of 1 plugin$/);
    expect(code).toBe(1);
  });

  test('accepts a CHANGELOG.md in place of a changeset', async () => {
    const repo = await fakeRepo();
    await repo.remove('.changeset/acme-plugin.md');
    await repo.write('plugins/acme/CHANGELOG.md', '# @knotwork/plugin-acme\n\n## 1.2.3\n');

    expect((await lint(repo)).code).toBe(0);
  });

  test('finds the package in a changeset written with blank lines around its front matter', async () => {
    const repo = await fakeRepo();
    await repo.write(
      '.changeset/acme-plugin.md',
      '---\n\n"@knotwork/plugin-acme": minor\n\n---\n\nNew.\n',
    );

    expect((await lint(repo)).code).toBe(0);
  });

  test('reports a folder under plugins/ that is not a package', async () => {
    const repo = await fakeRepo();
    await mkdir(join(repo.root, 'plugins/half-done'));

    const { code, output } = await lint(repo);

    expect(output.lines).toEqual([
      'plugins/half-done: no package.json — finish the package (`pnpm create-plugin <name>` makes one) or remove the folder',
      'knotwork-plugin lint: 1 problem in 1 of 2 plugins',
    ]);
    expect(code).toBe(1);
  });

  test('names the docs page from the committed manifest when the plugin is not built', async () => {
    const repo = await fakeRepo();
    await repo.remove('plugins/acme/dist');
    await repo.remove('docs/integrations/acme.md');

    const { output } = await lint(repo);

    expect(output.lines).toContain(
      'plugins/acme: no docs page docs/integrations/acme.md — write it',
    );
  });
});
