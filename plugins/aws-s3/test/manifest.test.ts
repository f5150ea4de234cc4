import { manifestSnapshot, manifestSnapshotText } from '@knotwork/testing';
import { expect, test } from 'vitest';
import plugin from '../src/index.js';

test('the manifest matches the reviewed snapshot', async () => {
  await expect(manifestSnapshotText(plugin)).toMatchFileSnapshot(
    './__snapshots__/aws-s3.manifest.json',
  );
});

test('lists the three nodes, each taking the access key credential', () => {
  const manifest = manifestSnapshot(plugin);

  expect(manifest.nodes.map((node) => [node.key, node.credential?.types])).toEqual([
    ['aws-s3.upload', ['aws-s3.accessKey']],
    ['aws-s3.download', ['aws-s3.accessKey']],
    ['aws-s3.listObjects', ['aws-s3.accessKey']],
  ]);
});

test('marks the secret access key and the session token as secrets', () => {
  const [credential] = manifestSnapshot(plugin).credentials;

  expect(credential?.secretFields).toEqual(['secretAccessKey', 'sessionToken']);
});
