import { assertNoCanary, createCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  fixture,
  oauthCredential,
  queryOf,
  SHEETS_ORIGIN,
  SPREADSHEET_ID,
  useClosedNetwork,
  valuesPath,
  valuesSent,
} from './support.js';

useClosedNetwork();

const APPEND = valuesPath('Sheet1', ':append');
const HEADER = valuesPath('Sheet1!1:1');

/** Answers every request to the Sheets API, so a test can count what the node sent. */
function sheetsServer() {
  return nock(SHEETS_ORIGIN)
    .persist()
    .get(() => true)
    .reply(200, fixture('header-row.json'))
    .post(() => true)
    .reply(200, fixture('values-append.json'))
    .put(() => true)
    .reply(200, fixture('values-update.json'));
}

function thousandRows(): Array<[string, number, boolean, string]> {
  return Array.from({ length: 1_000 }, (_, index) => [
    `item ${index}`,
    index * 1.5,
    index % 2 === 0,
    '3/1/2016',
  ]);
}

describe('Write Rows: one request for every item', () => {
  test('appends 1,000 rows in exactly ONE HTTP request', async () => {
    const requests = recordRequests(sheetsServer());
    const rows = thousandRows();

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items: rows },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(valuesSent(requests[0])).toEqual(rows);
  });

  test('appends 1,000 objects in exactly ONE HTTP request when the columns are given', async () => {
    const requests = recordRequests(sheetsServer());
    const items = thousandRows().map(([item, cost, stocked]) => ({
      Item: item,
      Cost: cost,
      Stocked: stocked,
    }));

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items, columns: 'Item,Cost,Stocked' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(1);
    expect(valuesSent(requests[0])[999]).toEqual(['item 999', 1498.5, false]);
  });

  test('maps 1,000 objects by the header row with one read of that row and ONE write', async () => {
    const requests = recordRequests(sheetsServer());
    const items = thousandRows().map(([item, cost]) => ({ Cost: cost, Item: item }));

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests.map((request) => request.method)).toEqual(['GET', 'POST']);
  });
});

describe('Write Rows: append', () => {
  test('sends the rows to values.append with INSERT_ROWS and RAW values', async () => {
    const accessToken = createCanary('access-token');
    const scope = nock(SHEETS_ORIGIN).post(APPEND).reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        items: [
          ['Wheel', 20.5, 4, '3/1/2016'],
          ['Door', 15, 2, { note: 'nested' }],
        ],
      },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(requests[0]?.headers['content-type']).toContain('application/json');
    expect(queryOf(requests[0]?.url)).toEqual({
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      includeValuesInResponse: 'false',
    });
    expect(requests[0]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['Wheel', 20.5, 4, '3/1/2016'],
        ['Door', 15, 2, '{"note":"nested"}'],
      ],
    });
    expect(run.output).toEqual({
      spreadsheetId: SPREADSHEET_ID,
      mode: 'append',
      updatedRange: 'Sheet1!A6:D7',
      updatedRows: 2,
      updatedColumns: 4,
      updatedCells: 8,
      tableRange: 'Sheet1!A1:D5',
      headerWritten: false,
    });
    assertNoCanary(accessToken, { logs: run.logs, output: run.output });
  });

  test("puts object keys in the header row's order, empty cells for missing keys", async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(HEADER)
      .reply(200, fixture('header-row.json'))
      .post(APPEND)
      .reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        items: [
          { 'Ship Date': '3/1/2016', Item: 'Wheel', Cost: 20.5 },
          { Item: 'Door', Stocked: 2 },
        ],
        valueInputOption: 'USER_ENTERED',
      },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(queryOf(requests[0]?.url)).toEqual({ majorDimension: 'ROWS' });
    expect(queryOf(requests[1]?.url).valueInputOption).toBe('USER_ENTERED');
    expect(requests[1]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['Wheel', 20.5, '', '3/1/2016'],
        ['Door', '', 2, ''],
      ],
    });
    expect(run.output).toMatchObject({ columns: ['Item', 'Cost', 'Stocked', 'Ship Date'] });
  });

  test('writes the header from the keys when the header row is empty', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(HEADER)
      .reply(200, { range: 'Sheet1!A1:Z1', majorDimension: 'ROWS' })
      .post(APPEND)
      .reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        items: [
          { name: 'Ada', email: 'ada@example.com' },
          { name: 'Grace', plan: 'pro' },
        ],
      },
      { credential: oauthCredential() },
    );

    expect(requests[1]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['name', 'email', 'plan'],
        ['Ada', 'ada@example.com', ''],
        ['Grace', '', 'pro'],
      ],
    });
    expect(run.output).toMatchObject({ headerWritten: true, columns: ['name', 'email', 'plan'] });
  });

  test('reads the header over the range columns only', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(valuesPath("'Q1 Sales'!3:3"))
      .reply(200, { range: "'Q1 Sales'!A3:Z3", values: [['Notes', 'Item', 'Cost', 'Ignored']] })
      .post(valuesPath("'Q1 Sales'!B3:C", ':append'))
      .reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Q1 Sales!B3:C',
        headerRow: 3,
        items: [{ Cost: 1, Item: 'Bolt' }],
      },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(requests[1]?.body).toEqual({ majorDimension: 'ROWS', values: [['Bolt', 1]] });
  });

  test('does not send an append twice after a server error, since it may have been applied', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .post(APPEND)
      .reply(500, {
        error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
      });
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items: [['a']] },
      { credential: oauthCredential() },
    );

    expect(requests).toHaveLength(1);
    expect(run.error?.code).toBe('INTERNAL');
    expect(run.error?.retryable).toBe(true);
    expect(run.retryDelays).toEqual([]);
  });

  test('retries an append refused for quota: nothing was written', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .post(APPEND)
      .reply(429, fixture('error-quota-exceeded.json'))
      .post(APPEND)
      .reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items: [['a']] },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.retryDelays).toHaveLength(1);
  });

  test("says to share the spreadsheet with the service account's email on PERMISSION_DENIED", async () => {
    nock(SHEETS_ORIGIN).post(APPEND).reply(403, fixture('error-permission-denied.json'));

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', items: [['a']] },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('PERMISSION_DENIED');
    expect(run.error?.hint).toContain(
      "share the spreadsheet with the service account's client_email",
    );
  });
});

describe('Write Rows: update', () => {
  test('overwrites from the range given, with values.update (PUT)', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .put(valuesPath('Sheet1!A2:D3'))
      .reply(200, fixture('values-update.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1!A2:D3',
        mode: 'update',
        items: [
          ['Wheel', 21, 4, '3/1/2016'],
          ['Door', 16, 2, '3/15/2016'],
        ],
      },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(requests[0]?.method).toBe('PUT');
    expect(queryOf(requests[0]?.url)).toEqual({
      valueInputOption: 'RAW',
      includeValuesInResponse: 'false',
    });
    expect(requests[0]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['Wheel', 21, 4, '3/1/2016'],
        ['Door', 16, 2, '3/15/2016'],
      ],
    });
    expect(run.output).toEqual({
      spreadsheetId: SPREADSHEET_ID,
      mode: 'update',
      updatedRange: 'Sheet1!A2:D3',
      updatedRows: 2,
      updatedColumns: 4,
      updatedCells: 8,
      headerWritten: false,
    });
  });

  test('writes objects under the header row, leaving cells of missing keys as they are', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(HEADER)
      .reply(200, fixture('header-row.json'))
      .put(valuesPath('Sheet1!A2'))
      .reply(200, fixture('values-update.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        mode: 'update',
        items: [{ Item: 'Wheel', Cost: 21 }, { Stocked: 0 }],
      },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(requests[1]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['Wheel', 21, null, null],
        [null, null, 0, null],
      ],
    });
  });

  test('writes the header and the rows together when the header row is empty', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(HEADER)
      .reply(200, { range: 'Sheet1!A1:Z1', majorDimension: 'ROWS' })
      .put(valuesPath('Sheet1!A1'))
      .reply(200, fixture('values-update.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1!A1:B',
        mode: 'update',
        items: [{ a: 1, b: 2 }],
      },
      { credential: oauthCredential() },
    );

    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual({
      majorDimension: 'ROWS',
      values: [
        ['a', 'b'],
        [1, 2],
      ],
    });
    expect(run.output).toMatchObject({ headerWritten: true });
  });

  test('retries an update after a 503: writing the same cells again is harmless', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .put(valuesPath('Sheet1!A2'))
      .reply(503, {
        error: {
          code: 503,
          message: 'The service is currently unavailable.',
          status: 'UNAVAILABLE',
        },
      })
      .put(valuesPath('Sheet1!A2'))
      .reply(200, fixture('values-update.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A2', mode: 'update', items: [['a']] },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(2);
  });

  test('explains a range too small for the rows', async () => {
    nock(SHEETS_ORIGIN)
      .put(valuesPath('Sheet1!A2:B2'))
      .reply(400, {
        error: {
          code: 400,
          message: 'Requested writing within range [Sheet1!A2:B2], but tried writing to row [3]',
          status: 'INVALID_ARGUMENT',
        },
      });

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1!A2:B2',
        mode: 'update',
        items: [['a'], ['b']],
      },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('INVALID_ARGUMENT');
    expect(run.error?.message).toContain('tried writing to row [3]');
    expect(run.error?.hint).toContain('top-left cell');
  });
});

describe('Write Rows with bad input', () => {
  test('names the keys the header row has no column for', async () => {
    nock(SHEETS_ORIGIN).get(HEADER).reply(200, fixture('header-row.json'));

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        items: [{ Item: 'Wheel', colour: 'red', size: 3 }],
      },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['items']);
    expect(run.error?.fields?.[0]?.message).toContain('colour, size');
    expect(run.error?.fields?.[0]?.message).toContain('row 1');
  });

  test('leaves such keys out when told to ignore them', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(HEADER)
      .reply(200, fixture('header-row.json'))
      .post(APPEND)
      .reply(200, fixture('values-append.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'write',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1',
        items: [{ Item: 'Wheel', colour: 'red' }],
        extraKeys: 'ignore',
      },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[1]?.body).toEqual({ majorDimension: 'ROWS', values: [['Wheel', '', '', '']] });
  });

  test('refuses to update objects far below an empty header row', async () => {
    nock(SHEETS_ORIGIN).get(HEADER).reply(200, { range: 'Sheet1!A1:Z1', majorDimension: 'ROWS' });

    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A10', mode: 'update', items: [{ a: 1 }] },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['range']);
  });

  test.each([
    ['no items', { items: [] }, ['items']],
    ['a mix of objects and arrays', { items: [{ a: 1 }, [1]] }, ['items']],
    ['an unknown mode', { items: [[1]], mode: 'upsert' }, ['mode']],
    ['a header row of 0', { items: [[1]], headerRow: 0 }, ['headerRow']],
    [
      'an unknown value input option',
      { items: [[1]], valueInputOption: 'FORMULA' },
      ['valueInputOption'],
    ],
  ])('names the field for %s', async (_case, fields, paths) => {
    const run = await runNode(
      plugin,
      'write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', ...fields },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
