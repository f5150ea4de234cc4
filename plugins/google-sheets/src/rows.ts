import { columnLetters } from './a1-notation.js';

/** What the Sheets API accepts in a cell: "bool, string, and double" (null skips the cell). */
export type CellValue = string | number | boolean | null;

/**
 * A cell value from whatever an item holds: numbers, booleans and text as they are, dates
 * as ISO text, nested objects and arrays as JSON (a cell holds one value).
 */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/**
 * Column names for the rows of a read: the header cells, with an empty one named after its
 * column letter and a repeated one numbered (name, name_2), so no value is lost.
 */
export function keysFromHeader(header: readonly unknown[], firstColumn: number): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, index) => {
    const name = String(cell ?? '').trim() || columnLetters(firstColumn + index);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

/**
 * Rows as objects keyed by the header. The API leaves out trailing empty cells, so a short
 * row gets "" for the columns it lacks: every object has every key.
 */
export function rowsToObjects(
  keys: readonly string[],
  rows: readonly unknown[][],
): Array<Record<string, unknown>> {
  return rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, row[index] ?? ''])));
}

/** Every key of the items, in the order they first appear: the columns of a new sheet. */
export function keysOfItems(items: ReadonlyArray<Record<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const key of Object.keys(item)) keys.add(key);
  return [...keys];
}

/** Keys of the items that no column is named after, each once. */
export function keysMissingFromColumns(
  items: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
): string[] {
  const known = new Set(columns);
  return keysOfItems(items).filter((key) => !known.has(key));
}

/**
 * One row per item, its values in the columns' order. `missing` fills a column the item
 * has no key for: "" writes an empty cell (append), null leaves the cell as it is (update).
 */
export function objectsToRows(
  items: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
  missing: '' | null,
): CellValue[][] {
  return items.map((item) =>
    columns.map((column) =>
      column !== '' && Object.hasOwn(item, column) ? toCell(item[column]) : missing,
    ),
  );
}
