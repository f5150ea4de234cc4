import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/telegram.manifest.json',
  );
});

test('lists two actions and a polling trigger, all with the bot token', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.kind, node.credential?.types])).toEqual([
    ['telegram.sendMessage', 'action', ['telegram.botToken']],
    ['telegram.sendPhoto', 'action', ['telegram.botToken']],
    ['telegram.getUpdates', 'trigger', ['telegram.botToken']],
  ]);
  expect(manifest.nodes.find((node) => node.key === 'telegram.getUpdates')?.trigger).toEqual({
    type: 'polling',
    intervalSeconds: 30,
  });
});

test('marks the bot token secret and describes photoFile as binary data', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.credentials.map((credential) => credential.secretFields)).toEqual([['botToken']]);
  const sendPhoto = manifest.nodes.find((node) => node.key === 'telegram.sendPhoto');
  expect(sendPhoto?.input).toMatchObject({
    properties: { photoFile: { properties: { kind: { const: 'binary' } } } },
  });
});
