import { describe, expect, test } from 'vitest';
import { columnIndex, columnLetters, formatA1, parseA1 } from '../src/a1-notation.js';

describe('A1 notation', () => {
  test.each([
    [
      'Sheet1!A1:D10',
      { sheet: 'Sheet1', cells: 'A1:D10', startColumn: 0, startRow: 1, endColumn: 3 },
    ],
    [
      'Sheet1!B:D',
      { sheet: 'Sheet1', cells: 'B:D', startColumn: 1, startRow: undefined, endColumn: 3 },
    ],
    [
      'Sheet1!3:3',
      { sheet: 'Sheet1', cells: '3:3', startColumn: undefined, startRow: 3, endColumn: undefined },
    ],
    ['Sheet1', { sheet: 'Sheet1', cells: undefined, startColumn: undefined, startRow: undefined }],
    ['A2:C', { sheet: undefined, cells: 'A2:C', startColumn: 0, startRow: 2, endColumn: 2 }],
    ["'Q1 Sales'!$A$2:D", { sheet: "'Q1 Sales'", cells: '$A$2:D', startColumn: 0, startRow: 2 }],
    [
      'Q1 Sales!A2',
      { sheet: "'Q1 Sales'", cells: 'A2', startColumn: 0, startRow: 2, endColumn: 0 },
    ],
    ["Bob's data", { sheet: "'Bob''s data'", cells: undefined }],
    ["'It''s'!A1", { sheet: "'It''s'", cells: 'A1' }],
  ])('reads %s', (text, expected) => {
    expect(parseA1(text)).toMatchObject(expected);
  });

  test.each([
    ['Q1 Sales!A1:D', "'Q1 Sales'!A1:D"],
    ['Sheet1!A:D', 'Sheet1!A:D'],
    ['Données 2024', "'Données 2024'"],
    ['Données', 'Données'],
    ['A1:B2', 'A1:B2'],
  ])('sends %s as %s', (text, sent) => {
    expect(formatA1(parseA1(text))).toBe(sent);
  });

  test('converts between column letters and indexes', () => {
    expect([0, 25, 26, 701, 702, 18_277].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'ZZ',
      'AAA',
      'ZZZ',
    ]);
    expect(['A', 'z', 'AA', 'ZZZ'].map(columnIndex)).toEqual([0, 25, 26, 18_277]);
  });
});
