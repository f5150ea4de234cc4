import { expect, test } from 'vitest';
import { firstDifference } from '../src/line-diff.js';

test('shows nothing when the texts are equal', () => {
  expect(firstDifference('a\nb\n', 'a\nb\n')).toEqual([]);
});

test('shows the changed lines with context and where they start', () => {
  const before = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4', '}'].join('\n');
  const after = ['{', '  "a": 1,', '  "b": 20,', '  "c": 3,', '  "d": 4', '}'].join('\n');

  expect(firstDifference(before, after, { context: 1 })).toEqual([
    '@@ line 3 @@',
    '    "a": 1,',
    '-   "b": 2,',
    '+   "b": 20,',
    '    "c": 3,',
  ]);
});

test('shows added lines when the new text is longer', () => {
  expect(firstDifference('a\nc', 'a\nb\nc', { context: 0 })).toEqual(['@@ line 2 @@', '+ b']);
});

test('cuts a long change short and says how much is left', () => {
  const before = 'x';
  const after = Array.from({ length: 12 }, (_, index) => `line ${index}`).join('\n');

  const diff = firstDifference(before, after, { maxLines: 3, context: 0 });

  expect(diff).toEqual([
    '@@ line 1 @@',
    '- x',
    '+ line 0',
    '+ line 1',
    '+ line 2',
    '+ … 9 more lines',
  ]);
});
