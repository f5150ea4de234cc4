import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/google-sheets.manifest.json',
  );
});

test('lists read and write, each taking OAuth2 or a service account', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['google-sheets.read', ['google-sheets.oauth2', 'google-sheets.serviceAccount']],
    ['google-sheets.write', ['google-sheets.oauth2', 'google-sheets.serviceAccount']],
  ]);
});

test('marks the client secret and the whole service-account key as secrets', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'google-sheets.oauth2': ['clientSecret'],
    'google-sheets.serviceAccount': ['serviceAccountKey'],
  });
});

test("asks Google's shared provider for the sheets feature", () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.oauthProviders.map((provider) => provider.key)).toEqual(['google']);
  expect(manifest.oauthProviders[0]?.scopes.sheets).toEqual([
    'https://www.googleapis.com/auth/spreadsheets',
  ]);
  expect(
    manifest.credentials.find((credential) => credential.key === 'oauth2')?.oauth?.scopes,
  ).toEqual(['sheets']);
});
