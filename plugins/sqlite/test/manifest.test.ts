import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/sqlite.manifest.json',
  );
});

test('lists the query node with the file credential, which holds no secret', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['sqlite.query', ['sqlite.database']],
  ]);
  expect(
    manifest.credentials.map((credential) => [credential.type, credential.secretFields]),
  ).toEqual([['sqlite.database', []]]);
});
