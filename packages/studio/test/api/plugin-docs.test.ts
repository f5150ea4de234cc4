import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStudio, packageDir, type Studio } from '../support/open-studio.js';

const webhookDir = join(packageDir, 'node_modules/@knotwork/plugin-webhook');
let studio: Studio;

beforeAll(async () => {
  studio = await openStudio();
});
afterAll(async () => {
  await studio.close();
});

/** A folder whose node_modules hold the webhook plugin's package, with the README given or none. */
async function installedWith(readme: { name: string; text: string } | undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'knotwork-docs-'));
  const target = join(dir, 'node_modules/@knotwork/plugin-webhook');
  await mkdir(join(target, 'dist'), { recursive: true });
  for (const file of ['package.json', 'knotwork.manifest.json', 'dist/index.js']) {
    await copyFile(join(webhookDir, file), join(target, file));
  }
  if (readme) await writeFile(join(target, readme.name), readme.text);
  return dir;
}

describe('GET /api/plugins/:name/docs', () => {
  test('answers the README the plugin package ships, as markdown', async () => {
    const response = await studio.api('GET', '/api/plugins/slack/docs');
    expect(response.statusCode).toBe(200);
    const readme = await readFile(
      join(packageDir, 'node_modules/@knotwork/plugin-slack/README.md'),
      'utf8',
    );
    expect(response.json()).toEqual({ markdown: readme });
    expect(readme).toMatch(/^# @knotwork\/plugin-slack/);
  });

  test('finds a README spelled in lower case', async () => {
    const other = await openStudio({
      dirs: [await installedWith({ name: 'readme.md', text: '# Webhook\n\nlower case' })],
    });
    try {
      const response = await other.api('GET', '/api/plugins/webhook/docs');
      expect(response.json()).toEqual({ markdown: '# Webhook\n\nlower case' });
    } finally {
      await other.close();
    }
  });

  test('a plugin without a README is 404 docs_not_found pointing at its docsUrl', async () => {
    const other = await openStudio({ dirs: [await installedWith(undefined)] });
    try {
      const response = await other.api('GET', '/api/plugins/webhook/docs');
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({
        code: 'docs_not_found',
        hint: expect.stringContaining('docs/integrations/webhook.md'),
      });
    } finally {
      await other.close();
    }
  });

  test('an unknown plugin is 404 unknown_plugin', async () => {
    const response = await studio.api('GET', '/api/plugins/nope/docs');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('unknown_plugin');
  });
});
