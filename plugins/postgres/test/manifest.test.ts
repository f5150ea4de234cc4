import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/postgres.manifest.json',
  );
});

test('lists the query node with the connection credential', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['postgres.query', ['postgres.connection']],
  ]);
});

test('marks the URL and the password as secrets, and the CA certificate not', () => {
  const [credential] = manifestSnapshot(plugin).credentials;

  expect(credential?.secretFields).toEqual(['url', 'password']);
  expect(credential?.schema).toMatchObject({ properties: { ca: { type: 'string' } } });
});
