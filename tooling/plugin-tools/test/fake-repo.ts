import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runManifestCommand } from '../src/manifest-command.js';
import type { Output } from '../src/output.js';

/** Captures what a command printed, for assertions. */
export function captureOutput(): Output & { lines: string[]; errors: string[]; all(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    log: (line) => lines.push(line),
    error: (line) => errors.push(line),
    all: () => [...lines, ...errors].join('\n'),
  };
}

const SDK_DIR = fileURLToPath(new URL('../node_modules/@knotwork/sdk', import.meta.url));

export interface FakePluginOptions {
  /** Gives the credential a `test` function (default true). */
  credentialTest?: boolean;
  nodeDescription?: string;
  /** Default export of dist/index.js, as JS source (replaces the plugin). */
  defaultExport?: string;
}

/** A hand-written build of a small plugin, importing the real SDK like a tsup build does. */
export function fakeEntrySource(options: FakePluginOptions = {}): string {
  const test =
    options.credentialTest === false ? '' : "test: async () => ({ ok: true, message: 'ok' }),";
  const description = JSON.stringify(options.nodeDescription ?? 'Gets one thing by its id.');
  return `import { defineCredential, defineNode, definePlugin, secret, z } from '@knotwork/sdk';

const apiToken = defineCredential({
  key: 'apiToken',
  displayName: 'API token',
  kind: 'apiKey',
  schema: z.object({ token: secret() }),
  authenticate: { type: 'bearer', field: 'token' },
  ${test}
});

export default ${
    options.defaultExport ??
    `definePlugin({
  name: 'acme',
  displayName: 'Acme',
  description: 'Things from Acme.',
  categories: ['Testing'],
  credentials: [apiToken],
  nodes: [
    defineNode({
      key: 'getThing',
      kind: 'action',
      displayName: 'Get thing',
      description: ${description},
      credentials: [apiToken],
      input: z.object({ id: z.string() }),
      output: z.object({ id: z.string() }),
      run: async (_ctx, input) => ({ id: input.id }),
    }),
  ],
})`
  };
`;
}

export function fakePackageJson(): Record<string, unknown> {
  return {
    name: '@knotwork/plugin-acme',
    version: '1.2.3',
    keywords: ['knotwork-plugin'],
    type: 'module',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
      './knotwork.manifest.json': './knotwork.manifest.json',
    },
    files: ['dist', 'knotwork.manifest.json'],
    knotwork: { manifest: './knotwork.manifest.json', entry: './dist/index.js' },
    peerDependencies: { '@knotwork/sdk': '^0.1.0' },
  };
}

export interface FakeRepo {
  root: string;
  /** <root>/plugins/acme */
  plugin: string;
  write(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
  writePackageJson(json: Record<string, unknown>): Promise<void>;
  cleanup(): Promise<void>;
}

const repos: FakeRepo[] = [];

/**
 * A throwaway repo holding one plugin, plugins/acme, that passes every lint check:
 * built, manifest committed, tests, README, docs page, changeset. Tests then break
 * one thing each.
 */
export async function fakeRepo(
  options: FakePluginOptions & { manifest?: boolean } = {},
): Promise<FakeRepo> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'knotwork-plugin-tools-')));
  const plugin = join(root, 'plugins/acme');
  const write = async (path: string, text: string) => {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
  };
  const repo: FakeRepo = {
    root,
    plugin,
    write,
    remove: (path) => rm(join(root, path), { recursive: true, force: true }),
    writePackageJson: (json) =>
      write('plugins/acme/package.json', `${JSON.stringify(json, null, 2)}\n`),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  repos.push(repo);
  await write('pnpm-workspace.yaml', 'packages:\n  - plugins/*\n');
  await repo.writePackageJson(fakePackageJson());
  await write('plugins/acme/dist/index.js', fakeEntrySource(options));
  await write('plugins/acme/src/index.ts', 'export default {};\n');
  await write('plugins/acme/README.md', '# @knotwork/plugin-acme\n');
  await write(
    'plugins/acme/test/get-thing.test.ts',
    "import { test } from 'vitest';\n\ntest('gets a thing', () => {});\n",
  );
  await write('docs/integrations/acme.md', '# Acme\n');
  await write(
    '.changeset/acme-plugin.md',
    '---\n"@knotwork/plugin-acme": minor\n---\n\nNew Acme plugin.\n',
  );
  await mkdir(join(plugin, 'node_modules/@knotwork'), { recursive: true });
  await symlink(await realpath(SDK_DIR), join(plugin, 'node_modules/@knotwork/sdk'), 'dir');
  if (options.manifest !== false) {
    const code = await runManifestCommand({ dir: plugin, check: false }, captureOutput());
    if (code !== 0) throw new Error('the fake plugin should build a manifest');
  }
  return repo;
}

export async function removeFakeRepos(): Promise<void> {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
}
