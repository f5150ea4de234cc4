import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/slack.manifest.json',
  );
});

test('lists both nodes with the credential types each accepts', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['slack.sendMessage', ['slack.botToken', 'slack.webhookUrl', 'slack.oauth2']],
    ['slack.addReaction', ['slack.botToken', 'slack.oauth2']],
  ]);
});

test('marks the token, the webhook URL and the client secret as secrets', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'slack.botToken': ['token'],
    'slack.webhookUrl': ['url'],
    'slack.oauth2': ['clientSecret'],
  });
});

test("describes Slack's OAuth v2 quirks as data", () => {
  const [provider] = manifestSnapshot(plugin).oauthProviders;

  expect(provider).toMatchObject({
    key: 'slack',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopeSeparator: ',',
    clientAuthentication: 'basic',
    pkce: 'none',
    rotatesRefreshToken: true,
  });
  expect(provider?.revocationUrl).toBeUndefined();
  expect(
    manifestSnapshot(plugin).credentials.find((credential) => credential.key === 'oauth2')?.oauth
      ?.scopes,
  ).toEqual(['chat:write', 'chat:write.public', 'reactions:write']);
});
