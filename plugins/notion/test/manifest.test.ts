import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/notion.manifest.json',
  );
});

test('lists the three nodes, each taking an integration secret or OAuth', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['notion.queryDatabase', ['notion.internalIntegration', 'notion.oauth2']],
    ['notion.createPage', ['notion.internalIntegration', 'notion.oauth2']],
    ['notion.updatePage', ['notion.internalIntegration', 'notion.oauth2']],
  ]);
});

test('marks the secrets and uses the shared Notion OAuth provider without scopes', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'notion.internalIntegration': ['token'],
    'notion.oauth2': ['clientSecret'],
  });
  const [provider] = manifest.oauthProviders;
  expect(provider).toMatchObject({
    key: 'notion',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    clientAuthentication: 'basic',
  });
});
