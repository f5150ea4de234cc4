import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifest, defineNode, definePlugin, serializeManifest, z } from '@knotwork/sdk';

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../sdk');

/** The plugin's code as a third party would publish it: plain JS against the public SDK. */
const ENTRY = `import { definePlugin, defineNode, z } from '@knotwork/sdk';
export default definePlugin({
  name: 'weather',
  displayName: 'Weather',
  description: 'Forecasts for a city',
  categories: ['Data'],
  nodes: [
    defineNode({
      key: 'forecast',
      kind: 'action',
      displayName: 'Get forecast',
      description: 'Tomorrow in a city',
      input: z.object({ city: z.string().min(1).meta({ title: 'City', description: 'Where' }) }),
      output: z.object({ summary: z.string() }),
      run: async (_ctx, input) => ({ summary: 'sunny in ' + input.city }),
    }),
  ],
});
`;

/** Same definition built here so the manifest matches the entry. */
const definition = definePlugin({
  name: 'weather',
  displayName: 'Weather',
  description: 'Forecasts for a city',
  categories: ['Data'],
  nodes: [
    defineNode({
      key: 'forecast',
      kind: 'action',
      displayName: 'Get forecast',
      description: 'Tomorrow in a city',
      input: z.object({ city: z.string().min(1).meta({ title: 'City', description: 'Where' }) }),
      output: z.object({ summary: z.string() }),
      run: async (_ctx, input) => ({ summary: `sunny in ${input.city}` }),
    }),
  ],
});

/** A folder with node_modules holding one third-party plugin and one broken one. */
export async function projectWithPlugins(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'knotwork-cli-'));
  await mkdir(join(root, 'node_modules/@knotwork'), { recursive: true });
  await symlink(sdkDir, join(root, 'node_modules/@knotwork/sdk'), 'dir');

  const plugin = join(root, 'node_modules/knotwork-plugin-weather');
  await mkdir(join(plugin, 'dist'), { recursive: true });
  await writeFile(
    join(plugin, 'package.json'),
    JSON.stringify({
      name: 'knotwork-plugin-weather',
      version: '1.2.3',
      type: 'module',
      keywords: ['knotwork-plugin'],
      knotwork: { manifest: './knotwork.manifest.json', entry: './dist/index.js' },
    }),
  );
  await writeFile(join(plugin, 'dist/index.js'), ENTRY);
  await writeFile(
    join(plugin, 'knotwork.manifest.json'),
    serializeManifest(
      buildManifest(definition, {
        name: 'knotwork-plugin-weather',
        version: '1.2.3',
        sdkRange: '^0.1.0',
      }),
    ),
  );

  const broken = join(root, 'node_modules/knotwork-plugin-broken');
  await mkdir(broken, { recursive: true });
  await writeFile(
    join(broken, 'package.json'),
    JSON.stringify({
      name: 'knotwork-plugin-broken',
      version: '0.0.1',
      keywords: ['knotwork-plugin'],
      knotwork: { entry: './dist/index.js' },
    }),
  );
  await writeFile(join(broken, 'knotwork.manifest.json'), '{ not json');
  return root;
}
