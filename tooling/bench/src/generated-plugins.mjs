import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildManifest, defineNode, definePlugin, serializeManifest, z } from '@knotwork/sdk';

const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('@knotwork/sdk/package.json'));

function pluginSource(index) {
  return `import { definePlugin, defineCredential, defineNode, secret, z } from '@knotwork/sdk';
const token = defineCredential({
  key: 'apiToken', displayName: 'API token', kind: 'apiKey',
  schema: z.object({ token: secret(), region: z.enum(['eu', 'us']).default('eu') }),
  authenticate: { type: 'bearer', field: 'token' },
  test: async () => ({ ok: true, message: 'ok' }),
});
const nodes = Array.from({ length: 6 }, (_, n) => defineNode({
  key: 'action' + n, kind: 'action', displayName: 'Action ' + n, description: 'Does thing ' + n,
  credentials: [token],
  input: z.object({
    id: z.string().min(1).meta({ title: 'Id' }),
    count: z.number().int().min(1).max(100).default(10),
    tags: z.array(z.string()).optional(),
    mode: z.enum(['fast', 'safe']).default('safe'),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  output: z.object({ id: z.string(), done: z.boolean() }),
  run: async (_ctx, input) => ({ id: input.id, done: true }),
}));
export default definePlugin({
  name: 'generated${index}', displayName: 'Generated ${index}', description: 'Benchmark plugin ${index}',
  categories: ['Bench'], credentials: [token], nodes,
});
`;
}

/** A folder whose node_modules holds `count` plugin packages with built manifests. */
export async function generatePlugins(count) {
  const root = await mkdtemp(join(tmpdir(), 'knotwork-bench-'));
  await mkdir(join(root, 'node_modules/@knotwork'), { recursive: true });
  await symlink(sdkDir, join(root, 'node_modules/@knotwork/sdk'), 'dir');
  const entries = [];
  for (let index = 0; index < count; index++) {
    const dir = join(root, 'node_modules', `knotwork-plugin-generated${index}`);
    await mkdir(join(dir, 'dist'), { recursive: true });
    const entry = join(dir, 'dist/index.js');
    await writeFile(entry, pluginSource(index));
    const definition = (await import(`${entry}?build`)).default;
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({
        name: `knotwork-plugin-generated${index}`,
        version: '1.0.0',
        type: 'module',
        keywords: ['knotwork-plugin'],
        knotwork: { manifest: './knotwork.manifest.json', entry: './dist/index.js' },
      }),
    );
    await writeFile(
      join(dir, 'knotwork.manifest.json'),
      serializeManifest(
        buildManifest(definition, {
          name: `knotwork-plugin-generated${index}`,
          version: '1.0.0',
          sdkRange: '^0.1.0',
        }),
      ),
    );
    entries.push(entry);
  }
  return { root, entries };
}

export { defineNode, definePlugin, z };
