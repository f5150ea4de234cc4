// Google Sheets Write with 1,000 items: how many HTTP requests reach the Sheets API.
// Run it alone with `node bench/write.bench.mjs` after `npx tsup` (it loads the built plugin).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { runNode } from '@knotwork/testing';
import plugin from '../dist/index.js';

const ITEMS = 1_000;
const TARGET_REQUESTS = 1;
const SPREADSHEET_ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';

/** A stand-in for sheets.googleapis.com on loopback that counts what it is sent. */
async function countingSheetsServer() {
  const requests = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, bytes: body.length });
      const rows = body ? JSON.parse(body).values.length : 0;
      const answer =
        request.method === 'GET'
          ? { range: 'Sheet1!A1:Z1', majorDimension: 'ROWS', values: [['Item', 'Cost', 'Stocked']] }
          : {
              spreadsheetId: SPREADSHEET_ID,
              tableRange: 'Sheet1!A1:C1',
              updates: {
                spreadsheetId: SPREADSHEET_ID,
                updatedRange: `Sheet1!A2:C${rows + 1}`,
                updatedRows: rows,
                updatedColumns: 3,
                updatedCells: rows * 3,
              },
            };
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { requests, baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** One Write Rows run against the local server; the requests it made. */
async function countRequests(input) {
  const server = await countingSheetsServer();
  try {
    const credential = {
      key: 'oauth2',
      data: {
        clientId: 'bench.apps.googleusercontent.com',
        clientSecret: 'bench-secret',
        baseUrl: server.baseUrl,
      },
      token: { accessToken: 'bench-access-token', tokenType: 'Bearer' },
    };
    const run = await runNode(
      plugin,
      'google-sheets.write',
      { spreadsheetId: SPREADSHEET_ID, range: 'Sheet1', ...input },
      { credential },
    );
    if (!run.ok) throw new Error(`Write Rows failed: ${run.error?.message}`);
    return { requests: server.requests, output: run.output };
  } finally {
    server.close();
  }
}

function report(title, rows, verdict) {
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(44)} ${value}`);
  console.log(`  ${verdict}`);
}

/** Writes 1,000 items three ways and counts the HTTP requests each makes (target: 1). */
export async function sheetsWriteBench() {
  const arrays = Array.from({ length: ITEMS }, (_, index) => [
    `item ${index}`,
    index * 1.5,
    index % 2 === 0,
  ]);
  const objects = arrays.map(([Item, Cost, Stocked]) => ({ Item, Cost, Stocked }));

  const asRows = await countRequests({ items: arrays });
  const withColumns = await countRequests({ items: objects, columns: ['Item', 'Cost', 'Stocked'] });
  const byHeader = await countRequests({ items: objects });
  const writes = (result) => result.requests.filter((request) => request.method !== 'GET').length;

  report(
    `Google Sheets Write with ${ITEMS.toLocaleString('en')} items (HTTP requests to a local Sheets API)`,
    [
      ['rows as arrays', `${asRows.requests.length} (${asRows.output.updatedRows} rows written)`],
      ['objects, columns given', `${withColumns.requests.length}`],
      [
        'objects mapped by the header row',
        `${byHeader.requests.length} (1 header read + ${writes(byHeader)} write)`,
      ],
      ['request body for the rows', `${(asRows.requests[0].bytes / 1024).toFixed(1)} KiB`],
    ],
    `${asRows.requests.length === TARGET_REQUESTS && withColumns.requests.length === TARGET_REQUESTS && writes(byHeader) === TARGET_REQUESTS ? 'PASS' : 'MISS'}: target ${TARGET_REQUESTS} write request for all ${ITEMS.toLocaleString('en')} items`,
  );
  return {
    asRows: asRows.requests.length,
    withColumns: withColumns.requests.length,
    byHeader: byHeader.requests.length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await sheetsWriteBench();
