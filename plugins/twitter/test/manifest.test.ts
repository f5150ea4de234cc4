import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/twitter.manifest.json',
  );
});

test('lists the three nodes, with posting limited to the user credential', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['twitter.postTweet', ['twitter.oauth2']],
    ['twitter.searchRecent', ['twitter.oauth2', 'twitter.appBearerToken']],
    ['twitter.getUser', ['twitter.oauth2', 'twitter.appBearerToken']],
  ]);
});

test('marks the client secret and the bearer token as secrets', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'twitter.oauth2': ['clientSecret'],
    'twitter.appBearerToken': ['token'],
  });
});

test("describes X's OAuth 2.0 with PKCE as data", () => {
  const manifest = manifestSnapshot(plugin);
  const [provider] = manifest.oauthProviders;

  expect(provider).toMatchObject({
    key: 'twitter',
    authorizationUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    revocationUrl: 'https://api.x.com/2/oauth2/revoke',
    pkce: 'S256',
    clientAuthentication: 'basic',
    defaultScopes: ['offline.access'],
    rotatesRefreshToken: true,
  });
  expect(
    manifest.credentials.find((credential) => credential.key === 'oauth2')?.oauth?.scopes,
  ).toEqual(['tweet.read', 'tweet.write', 'users.read']);
});
