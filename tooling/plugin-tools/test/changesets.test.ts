import { expect, test } from 'vitest';
import { releasedPackages } from '../src/changesets.js';

test('reads the packages a changeset releases, quoted or not', () => {
  const text = `---\n"@knotwork/plugin-slack": minor\n'@knotwork/sdk': patch\nknotwork: major\n---\n\nSummary.\n`;

  expect(releasedPackages(text)).toEqual(['@knotwork/plugin-slack', '@knotwork/sdk', 'knotwork']);
});

test('accepts blank lines around the front matter, as changesets does', () => {
  expect(releasedPackages('---\n\n"@knotwork/plugin-x": minor\n\n---\n\nNew.\n')).toEqual([
    '@knotwork/plugin-x',
  ]);
});

test('ignores a package named only in the summary', () => {
  expect(
    releasedPackages('---\n"@knotwork/sdk": patch\n---\n\nAlso touches @knotwork/plugin-x.\n'),
  ).toEqual(['@knotwork/sdk']);
});

test('finds nothing in a file without front matter', () => {
  expect(releasedPackages('# Changesets\n\nHow to write one.\n')).toEqual([]);
});
