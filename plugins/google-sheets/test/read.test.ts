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
} from './support.js';

useClosedNetwork();

interface ReadOutput {
  range: string;
  rows: Array<Record<string, unknown> | unknown[]>;
  rowCount: number;
}

describe('Read Rows', () => {
  test('reads the range through the Sheets API and keys each row by the header', async () => {
    const accessToken = createCanary('access-token');
    const scope = nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))
      .reply(200, fixture('values-get.json'));
    const requests = recordRequests(scope);

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(queryOf(requests[0]?.url)).toEqual({
      majorDimension: 'ROWS',
      valueRenderOption: 'FORMATTED_VALUE',
    });
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(run.output).toEqual({
      range: 'Sheet1!A1:D5',
      rows: [
        { Item: 'Wheel', Cost: '$20.50', Stocked: '4', 'Ship Date': '3/1/2016' },
        { Item: 'Door', Cost: '$15', Stocked: '2', 'Ship Date': '3/15/2016' },
        { Item: 'Engine', Cost: '$100', Stocked: '1', 'Ship Date': '3/20/2016' },
        { Item: 'Totals', Cost: '$135.5', Stocked: '7', 'Ship Date': '3/20/2016' },
      ],
      rowCount: 4,
    });
    assertNoCanary(accessToken, { logs: run.logs, output: run.output });
  });

  test('returns arrays of raw values when asked, with the render options sent on', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))
      .reply(200, fixture('values-get-unformatted.json'));
    const requests = recordRequests(scope);

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      {
        spreadsheetId: SPREADSHEET_ID,
        range: 'Sheet1!A1:D5',
        firstRowAsKeys: false,
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      },
      { credential: oauthCredential() },
    );

    expect(run.output?.rows).toEqual(fixture('values-get-unformatted.json').values);
    expect(run.output?.rowCount).toBe(5);
    expect(queryOf(requests[0]?.url)).toEqual({
      majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
  });

  test('takes the spreadsheet URL and quotes a sheet name with spaces', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(valuesPath("'Q1 Sales'!A1:D"))

      .reply(200, { ...fixture('values-get.json'), range: "'Q1 Sales'!A1:D5" });

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      {
        spreadsheetId: `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=0`,
        range: 'Q1 Sales!A1:D',
      },
      { credential: oauthCredential() },
    );

    expect(run.error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(run.output?.rowCount).toBe(4);
  });

  test('answers no rows for an empty range, which Google sends without values', async () => {
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))
      .reply(200, fixture('values-get-empty.json'));

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential() },
    );

    expect(run.output).toEqual({ range: 'Sheet1!A1:D5', rows: [], rowCount: 0 });
  });

  test('fills short rows and names blank or repeated headers, so no value is lost', async () => {
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!B1:D3'))

      .reply(200, {
        range: 'Sheet1!B1:D3',
        majorDimension: 'ROWS',
        values: [['name', '', 'name'], ['Ada'], ['Grace', 'x', 'Hopper']],
      });

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!B1:D3' },
      { credential: oauthCredential() },
    );

    expect(run.output?.rows).toEqual([
      { name: 'Ada', C: '', name_2: '' },
      { name: 'Grace', C: 'x', name_2: 'Hopper' },
    ]);
  });
});

describe('Read Rows when Google refuses', () => {
  test.each([
    ['error-permission-denied.json', 403, 'PERMISSION_DENIED', "service account's client_email"],
    ['error-not-found.json', 404, 'NOT_FOUND', 'between /d/ and /edit'],
    ['error-unable-to-parse-range.json', 400, 'INVALID_ARGUMENT', 'single quotes'],
    ['error-unauthenticated.json', 401, 'UNAUTHENTICATED', 'reconnect the credential'],
    ['error-failed-precondition.json', 400, 'FAILED_PRECONDITION', 'Save as Google Sheets'],
    ['error-service-disabled.json', 403, 'SERVICE_DISABLED', 'enable it'],
    ['error-scope-insufficient.json', 403, 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'spreadsheets scope'],
  ])('maps %s to %s with a hint', async (file, status, code, hintPhrase) => {
    const body = fixture<{ error: { message: string } }>(file);
    nock(SHEETS_ORIGIN).get(valuesPath('Sheet1!A1:D')).reply(status, body);

    const run = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D' },
      { credential: oauthCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.retryable).toBe(false);
    expect(run.error?.hint).toContain(hintPhrase);
    expect(run.error?.message).toContain(body.error.message);
  });

  test('waits and retries when the per-minute quota is spent, then reads', async () => {
    const scope = nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(429, fixture('error-quota-exceeded.json'))
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(200, fixture('values-get.json'));
    const requests = recordRequests(scope);

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests).toHaveLength(2);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.retryDelays[0]).toBeLessThanOrEqual(5_000);
  });

  test('backs off long enough for the quota to refill before giving up', async () => {
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))

      .times(6)
      .reply(429, fixture('error-quota-exceeded.json'));

    const run = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential() },
    );

    // Full jitter under ceilings of 5, 10, 20, 40 and 65 seconds.
    expect(run.retryDelays).toHaveLength(5);
    for (const [index, ceiling] of [5_000, 10_000, 20_000, 40_000, 65_000].entries()) {
      expect(run.retryDelays[index]).toBeLessThanOrEqual(ceiling);
    }
    expect(run.error?.code).toBe('RESOURCE_EXHAUSTED');
    expect(run.error?.status).toBe(429);
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('60 reads and 60 writes per minute');
  });

  test('treats an old-style "User-rate limit exceeded" 403 as a rate limit', async () => {
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(403, {
        error: {
          code: 403,
          message: 'User-rate limit exceeded.',
          status: 'PERMISSION_DENIED',
        },
      })
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(200, fixture('values-get.json'));

    const run = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(run.retryDelays).toHaveLength(1);
  });

  test('retries a read after a 503', async () => {
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(503, {
        error: {
          code: 503,
          message: 'The service is currently unavailable.',
          status: 'UNAVAILABLE',
        },
      })
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(200, fixture('values-get.json'));

    const run = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential() },
    );

    expect(run.ok).toBe(true);
    expect(run.retryDelays).toHaveLength(1);
  });

  test('masks the token when an error echoes it back', async () => {
    const accessToken = createCanary('access-token');
    nock(SHEETS_ORIGIN)
      .get(valuesPath('Sheet1!A1:D5'))

      .reply(401, {
        error: { code: 401, message: `Token ${accessToken} is invalid`, status: 'UNAUTHENTICATED' },
      });

    const run = await runNode(
      plugin,
      'read',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1!A1:D5' },
      { credential: oauthCredential(accessToken) },
    );

    expect(run.error?.code).toBe('UNAUTHENTICATED');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(accessToken, { error: run.error, details: run.error?.details, logs: run.logs });
  });
});

describe('Read Rows with bad input', () => {
  test.each([
    [
      'a spreadsheet id that is not one',
      { spreadsheetId: 'my sheet', range: 'Sheet1' },
      ['spreadsheetId'],
    ],
    ['an empty range', { spreadsheetId: SPREADSHEET_ID, range: ' ' }, ['range']],
    ['an unclosed quote', { spreadsheetId: SPREADSHEET_ID, range: "'Q1 Sales!A1" }, ['range']],
    [
      'an unknown render option',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', valueRenderOption: 'RAW' },
      ['valueRenderOption'],
    ],
  ])('names the field for %s', async (_case, input, paths) => {
    const run = await runNode(plugin, 'read', input, { credential: oauthCredential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
  });
});
