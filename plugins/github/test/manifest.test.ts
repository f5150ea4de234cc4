import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/github.manifest.json',
  );
});

test('lists the three nodes, each taking a token or OAuth', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['github.createIssue', ['github.personalAccessToken', 'github.oauth2']],
    ['github.createPullRequest', ['github.personalAccessToken', 'github.oauth2']],
    ['github.listRepos', ['github.personalAccessToken', 'github.oauth2']],
  ]);
});

test('marks the token and the client secret as secrets and asks OAuth for the repo scope', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'github.personalAccessToken': ['token'],
    'github.oauth2': ['clientSecret'],
  });
  expect(
    manifest.credentials.find((credential) => credential.key === 'oauth2')?.oauth?.scopes,
  ).toEqual(['repo']);
  expect(manifest.oauthProviders.map((provider) => provider.key)).toEqual(['github']);
});
