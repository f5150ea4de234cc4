import { defineNode, field, z } from '@knotwork/sdk';
import { parseA1, rangeField, spreadsheetIdField } from '../a1-notation.js';
import { oauth2, serviceAccount } from '../credentials.js';
import { keysFromHeader, rowsToObjects } from '../rows.js';
import { callSheets, sheetsApi } from '../sheets-client.js';

const input = z.strictObject({
  spreadsheetId: spreadsheetIdField,
  range: rangeField(
    'The cells to read in A1 notation: Sheet1!A1:D100, Sheet1!A:D, or Sheet1 for the whole sheet.',
    'Sheet1!A1:D',
  ),
  firstRowAsKeys: field(z.boolean().default(true), {
    label: 'First row as keys',
    description:
      "On: each row becomes an object keyed by the first row's cells. Off: rows come as arrays of cells.",
  }),
  valueRenderOption: field(
    z.enum(['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA']).default('FORMATTED_VALUE'),
    {
      label: 'Values as',
      description:
        'FORMATTED_VALUE: as shown ("$1.50"); UNFORMATTED_VALUE: raw numbers and booleans (1.5); FORMULA: the formulas.',
      advanced: true,
    },
  ),
  dateTimeRenderOption: field(z.enum(['SERIAL_NUMBER', 'FORMATTED_STRING']).optional(), {
    label: 'Dates as',
    description:
      'With unformatted values or formulas: SERIAL_NUMBER (days since 1899-12-30, the default) or FORMATTED_STRING.',
    advanced: true,
  }),
});

const output = z.object({
  range: z.string().describe('The range Google returned, e.g. Sheet1!A1:D5.'),
  rows: z
    .array(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]))
    .describe('Objects keyed by the header row, or arrays of cells.'),
  rowCount: z.number().int(),
});

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/get */
export const read = defineNode({
  key: 'read',
  kind: 'action',
  displayName: 'Read Rows',
  description:
    'Reads a range of a Google Sheets spreadsheet, as objects keyed by the header row or as arrays.',
  credentials: [oauth2, serviceAccount],
  input,
  output,
  run: async (ctx, request) => {
    const api = await sheetsApi(ctx);
    const result = await callSheets(() =>
      api.spreadsheets.values.get({
        spreadsheetId: request.spreadsheetId,
        range: request.range,
        majorDimension: 'ROWS',
        valueRenderOption: request.valueRenderOption,
        // "This is ignored if valueRenderOption is FORMATTED_VALUE."
        ...(request.dateTimeRenderOption
          ? { dateTimeRenderOption: request.dateTimeRenderOption }
          : {}),
      }),
    );
    // An empty range comes back without `values`.
    const values = (result.values ?? []) as unknown[][];
    const range = result.range ?? request.range;
    if (!request.firstRowAsKeys) return { range, rows: values, rowCount: values.length };
    const [header = [], ...rows] = values;
    const keys = keysFromHeader(header, parseA1(range).startColumn ?? 0);
    return { range, rows: rowsToObjects(keys, rows), rowCount: rows.length };
  },
});
