import type { sheets_v4 } from '@googleapis/sheets';
import { defineNode, FieldType, field, invalidFieldsError, z } from '@knotwork/sdk';
import {
  type A1Range,
  columnLetters,
  formatA1,
  parseA1,
  rangeField,
  spreadsheetIdField,
} from '../a1-notation.js';
import { oauth2, serviceAccount } from '../credentials.js';
import { SERVICE } from '../errors.js';
import {
  type CellValue,
  keysMissingFromColumns,
  keysOfItems,
  objectsToRows,
  toCell,
} from '../rows.js';
import { callSheets, sheetsApi } from '../sheets-client.js';

const NODE = 'Input of google-sheets.write';

const row = z.array(z.unknown());
const record = z.record(z.string(), z.unknown());

const input = z
  .strictObject({
    spreadsheetId: spreadsheetIdField,
    range: rangeField(
      'Append: the table to add rows under, e.g. Sheet1 or Sheet1!A:D. Update: where the rows go, e.g. Sheet1!A2 (objects start under the header row).',
      'Sheet1!A:D',
    ),
    mode: field(z.enum(['append', 'update']).default('append'), {
      label: 'Mode',
      description:
        'append: add the items as new rows under the last row of the table. update: overwrite the cells from the range on.',
    }),
    items: field(z.array(z.union([row, record])).min(1, 'Give at least one item to write'), {
      field: FieldType.JSON,
      label: 'Items',
      description:
        'The rows: objects (mapped to columns by the header row) or arrays of cells. All of them go in one request.',
    }),
    columns: field(
      z
        .union([z.array(z.string()), z.string()])
        .transform((value) =>
          (Array.isArray(value) ? value : value.split(',')).map((name) => name.trim()),
        )
        .optional(),
      {
        label: 'Columns',
        description:
          'For objects: the keys in column order, e.g. name,email,plan. Leave empty to use the header row of the sheet (one extra read).',
        advanced: true,
      },
    ),
    headerRow: field(z.number().int().min(1).default(1), {
      label: 'Header row',
      description: 'The row holding the column names, when objects are mapped by the header.',
      advanced: true,
    }),
    extraKeys: field(z.enum(['error', 'ignore']).default('error'), {
      label: 'Keys without a column',
      description:
        'error: refuse items with keys the header row lacks. ignore: leave those values out.',
      advanced: true,
    }),
    valueInputOption: field(z.enum(['RAW', 'USER_ENTERED']).default('RAW'), {
      label: 'Values are',
      description:
        'RAW: stored exactly as given. USER_ENTERED: parsed as if typed, so "2024-01-31" becomes a date and "=A1*2" a formula; use it only for data you trust.',
      advanced: true,
    }),
  })
  .superRefine((write, ctx) => {
    const arrays = write.items.filter((item) => Array.isArray(item)).length;
    if (arrays > 0 && arrays < write.items.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'Give every item as an object or every item as an array of cells, not a mix',
      });
    }
  });

type WriteInput = z.output<typeof input>;

const output = z.object({
  spreadsheetId: z.string(),
  mode: z.enum(['append', 'update']),
  updatedRange: z.string().optional().describe('The cells written, e.g. Sheet1!A11:D1010.'),
  updatedRows: z.number().int(),
  updatedColumns: z.number().int(),
  updatedCells: z.number().int(),
  tableRange: z.string().optional().describe('Append: the table found before the rows were added.'),
  columns: z.array(z.string()).optional().describe('Objects: the column order used.'),
  headerWritten: z.boolean().describe('The header row was empty and was written from the keys.'),
});

/** The values to send, where they go, and how objects were laid out. */
interface Plan {
  range: string;
  values: CellValue[][];
  columns?: string[];
  headerWritten: boolean;
}

/**
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/append
 * and …/spreadsheets.values/update. Every item goes in one request, whatever the count;
 * mapping objects by the header row adds one read of that row.
 */
export const write = defineNode({
  key: 'write',
  kind: 'action',
  displayName: 'Write Rows',
  description:
    'Appends rows to a Google Sheets table or overwrites cells, writing every item in one request.',
  credentials: [oauth2, serviceAccount],
  input,
  output,
  run: async (ctx, request) => {
    const api = await sheetsApi(ctx);
    const plan = await planWrite(request, (range) =>
      callSheets(() =>
        api.spreadsheets.values.get({
          spreadsheetId: request.spreadsheetId,
          range,
          majorDimension: 'ROWS',
        }),
      ),
    );
    const body = { majorDimension: 'ROWS', values: plan.values };
    const common = {
      spreadsheetId: request.spreadsheetId,
      range: plan.range,
      valueInputOption: request.valueInputOption,
      includeValuesInResponse: false,
      requestBody: body,
    };
    const written: { tableRange?: string; updates: sheets_v4.Schema$UpdateValuesResponse } =
      request.mode === 'append'
        ? await callSheets(() =>
            // INSERT_ROWS: the new rows push what is below the table down instead of
            // overwriting it.
            api.spreadsheets.values.append({ ...common, insertDataOption: 'INSERT_ROWS' }),
          ).then((result) => ({
            ...(result.tableRange ? { tableRange: result.tableRange } : {}),
            updates: result.updates ?? {},
          }))
        : // PUT, so knotwork may retry it after a 5xx: writing the same cells twice is harmless.
          { updates: await callSheets(() => api.spreadsheets.values.update(common)) };
    return {
      spreadsheetId: request.spreadsheetId,
      mode: request.mode,
      ...(written.updates.updatedRange ? { updatedRange: written.updates.updatedRange } : {}),
      updatedRows: written.updates.updatedRows ?? 0,
      updatedColumns: written.updates.updatedColumns ?? 0,
      updatedCells: written.updates.updatedCells ?? 0,
      ...(written.tableRange ? { tableRange: written.tableRange } : {}),
      ...(plan.columns ? { columns: plan.columns } : {}),
      headerWritten: plan.headerWritten,
    };
  },
});

async function planWrite(
  request: WriteInput,
  readRange: (range: string) => Promise<sheets_v4.Schema$ValueRange>,
): Promise<Plan> {
  const objects = request.items.filter(isRecord);
  if (objects.length === 0) {
    const rows = request.items.filter((item): item is unknown[] => Array.isArray(item));
    return {
      range: request.range,
      values: rows.map((cells) => cells.map(toCell)),
      headerWritten: false,
    };
  }
  const missing = request.mode === 'append' ? '' : null;
  if (request.columns) {
    checkKeys(objects, request.columns, request, `the columns field`);
    return {
      range: request.range,
      values: objectsToRows(objects, request.columns, missing),
      columns: request.columns,
      headerWritten: false,
    };
  }

  const target = parseA1(request.range);
  const header = await readHeader(target, request.headerRow, readRange);
  const headerWritten = header.every((name) => name === '');
  const columns = headerWritten ? keysOfItems(objects) : header;
  if (!headerWritten) checkKeys(objects, columns, request, `row ${request.headerRow}`);
  const rows = objectsToRows(objects, columns, missing);
  if (request.mode === 'append') {
    return {
      range: request.range,
      values: headerWritten ? [columns, ...rows] : rows,
      columns,
      headerWritten,
    };
  }

  // Update: objects go under the header row unless the range starts further down.
  const firstDataRow =
    target.startRow !== undefined && target.startRow > request.headerRow
      ? target.startRow
      : request.headerRow + 1;
  if (headerWritten && firstDataRow !== request.headerRow + 1) {
    throw invalidFieldsError(SERVICE, NODE, [
      {
        path: 'range',
        message: `Row ${request.headerRow} has no column names to map the objects to: write them first, start the range right under row ${request.headerRow} (the names are then written with the rows), or give columns`,
      },
    ]);
  }
  const startColumn = columnLetters(target.startColumn ?? 0);
  const startRow = headerWritten ? request.headerRow : firstDataRow;
  return {
    range: formatA1({ sheet: target.sheet, cells: `${startColumn}${startRow}` }),
    values: headerWritten ? [columns, ...rows] : rows,
    columns,
    headerWritten,
  };
}

function isRecord(item: unknown[] | Record<string, unknown>): item is Record<string, unknown> {
  return !Array.isArray(item);
}

/** The header cells over the range's columns, trimmed, as text. */
async function readHeader(
  target: A1Range,
  headerRow: number,
  readRange: (range: string) => Promise<sheets_v4.Schema$ValueRange>,
): Promise<string[]> {
  const result = await readRange(
    formatA1({ sheet: target.sheet, cells: `${headerRow}:${headerRow}` }),
  );
  const cells = (result.values?.[0] ?? []) as unknown[];
  const from = target.startColumn ?? 0;
  const to = target.endColumn === undefined ? cells.length : target.endColumn + 1;
  return cells.slice(from, to).map((cell) => String(cell ?? '').trim());
}

function checkKeys(
  objects: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
  request: WriteInput,
  where: string,
): void {
  if (request.extraKeys === 'ignore') return;
  const unknown = keysMissingFromColumns(objects, columns);
  if (unknown.length === 0) return;
  throw invalidFieldsError(SERVICE, NODE, [
    {
      path: 'items',
      message: `Keys with no column in ${where}: ${unknown.join(', ')} (columns: ${columns.filter(Boolean).join(', ') || 'none'}). Add the columns, or set extraKeys to ignore`,
    },
  ]);
}
