import { field, z } from '@knotwork/sdk';

/**
 * A spreadsheet id, or the spreadsheet's URL: people copy the URL, the API wants the id,
 * "the value between the /d/ and the /edit".
 * https://developers.google.com/workspace/sheets/api/guides/concepts#spreadsheet
 */
export const spreadsheetIdField = field(
  z
    .string()
    .trim()
    .transform((value) => /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(value)?.[1] ?? value)
    .pipe(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{10,}$/,
          'Give the spreadsheet id (the part of its URL between /d/ and /edit) or paste the whole URL',
        ),
    ),
  {
    label: 'Spreadsheet',
    description: 'The spreadsheet URL, or its id (between /d/ and /edit in the URL).',
    placeholder:
      'https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit',
  },
);

/** One corner of a range: a column (A, BC), a row (1, 42), or both (B7). */
const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

export interface A1Range {
  /** The sheet part as it must be sent (quoted when needed), or undefined for the first sheet. */
  sheet: string | undefined;
  /** The cells part (A1:D10, A:D, 2:2), or undefined for the whole sheet. */
  cells: string | undefined;
  /** 0-based column of the range's left edge (A = 0), when it names one. */
  startColumn: number | undefined;
  /** 1-based row of the range's top edge, when it names one. */
  startRow: number | undefined;
  /** 0-based column of the right edge, when it names one. */
  endColumn: number | undefined;
}

/**
 * Reads an A1-notation range the way the Sheets API does
 * (https://developers.google.com/workspace/sheets/api/guides/concepts#cell): an optional
 * sheet name, "!", then cells. A bare name that is not a cell reference is a sheet.
 */
export function parseA1(text: string): A1Range {
  let sheet: string | undefined;
  let cells: string | undefined;
  if (text.startsWith("'")) {
    const end = closingQuote(text);
    sheet = text.slice(0, end + 1);
    cells = text.slice(end + 2) || undefined;
  } else {
    const bang = text.indexOf('!');
    if (bang >= 0) {
      sheet = quoteSheetName(text.slice(0, bang));
      cells = text.slice(bang + 1) || undefined;
    } else if (isCells(text)) {
      cells = text;
    } else {
      sheet = quoteSheetName(text);
    }
  }
  const [from, to] = (cells ?? '').split(':');
  const start = CELL.exec(from ?? '');
  const end = CELL.exec(to ?? from ?? '');
  return {
    sheet,
    cells,
    startColumn: start?.[1] ? columnIndex(start[1]) : undefined,
    startRow: start?.[2] ? Number(start[2]) : undefined,
    endColumn: end?.[1] ? columnIndex(end[1]) : undefined,
  };
}

/** The range as it must be sent: sheet names with spaces or punctuation put in quotes. */
export function formatA1(range: Pick<A1Range, 'sheet' | 'cells'>): string {
  if (range.sheet && range.cells) return `${range.sheet}!${range.cells}`;
  return range.sheet ?? range.cells ?? '';
}

/** A zod field for a range; normalised so `My Sheet!A1:D` becomes `'My Sheet'!A1:D`. */
export function rangeField(description: string, placeholder: string) {
  return field(
    z
      .string()
      .trim()
      .min(1, 'Give a range in A1 notation, e.g. Sheet1!A1:D or Sheet1')
      .refine((text) => !text.startsWith("'") || closingQuote(text) > 0, {
        message: "The sheet name's opening quote has no closing quote: 'My Sheet'!A1:D",
      })
      .transform((text) => formatA1(parseA1(text))),
    { label: 'Range', description, placeholder },
  );
}

export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function isCells(text: string): boolean {
  const [from, to, extra] = text.split(':');
  return (
    extra === undefined &&
    from !== undefined &&
    from !== '' &&
    CELL.test(from) &&
    (to === undefined || (to !== '' && CELL.test(to)))
  );
}

/** Sheet names other than letters, digits and underscores go in single quotes, ' doubled. */
function quoteSheetName(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) && !isCells(name)
    ? name
    : `'${name.replaceAll("'", "''")}'`;
}

/** Index of the quote that closes a quoted sheet name ('' is an escaped quote), or -1. */
function closingQuote(text: string): number {
  for (let index = 1; index < text.length; index++) {
    if (text[index] !== "'") continue;
    if (text[index + 1] === "'") {
      index++;
      continue;
    }
    return index;
  }
  return -1;
}
