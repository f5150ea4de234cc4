import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/discord.manifest.json',
  );
});

test('lists both nodes with the credential each accepts', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['discord.sendWebhookMessage', ['discord.webhookUrl']],
    ['discord.sendBotMessage', ['discord.botToken']],
  ]);
});

test('marks the webhook URL and the bot token as secrets', () => {
  const manifest = manifestSnapshot(plugin);

  expect(
    Object.fromEntries(
      manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
    ),
  ).toEqual({
    'discord.webhookUrl': ['webhookUrl'],
    'discord.botToken': ['botToken'],
  });
});
