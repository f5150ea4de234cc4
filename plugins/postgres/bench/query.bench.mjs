// PostgreSQL Query through the node (host.execute + its pool) against a new connection
// per query and against a raw pg.Pool, on the same server in the same run.
// Needs the built plugin (pnpm build) and a PostgreSQL server (KNOTWORK_BENCH_POSTGRES_URL,
// default postgres://postgres@127.0.0.1:5432/test).
import { createHost } from '@knotwork/host';
import { defineNode, definePlugin, z } from '@knotwork/sdk';
import pg from 'pg';
import {
  callsPerSecond,
  interleavedRates,
  median,
  ratios,
  report,
} from '../../../tooling/bench/src/measure.mjs';
import plugin from '../dist/index.js';

const QUERIES = 2_000;
const CONCURRENCY = 10;
const POOL_SIZE = 10;
const ROUNDS = 15;
const SLICES = 10;
const TARGET_VS_CONNECTION = 5;
const TARGET_VS_POOL = 0.8;
const SQL = 'SELECT $1::int AS n';

/**
 * The same credential and input schema, but a node that only hands the query to a raw
 * pg.Pool: what host.execute itself costs, apart from the plugin.
 */
function hostOverheadPlugin(pool) {
  const [connection] = plugin.credentials;
  const rawQuery = defineNode({
    key: 'rawQuery',
    kind: 'action',
    displayName: 'Raw pool query',
    description: 'Hands the SQL to a raw pg.Pool.',
    credentials: [connection],
    input: plugin.nodes[0].input,
    output: z.unknown(),
    run: async (_ctx, input) => (await pool.query(input.sql, input.parameters)).rows,
  });
  return definePlugin({
    name: 'pgbaseline',
    displayName: 'baseline',
    description: 'x',
    categories: [],
    credentials: [connection],
    nodes: [rawQuery],
  });
}

function serverSettings(url) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: parsed.pathname.slice(1) || undefined,
  };
}

/** The node with its pool vs a connection per query vs a raw pg.Pool: 2,000 single-row queries each. */
export async function postgresBench() {
  const url = process.env.KNOTWORK_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const server = serverSettings(url);
  const host = await createHost({ definitions: [plugin] });
  const credential = {
    key: 'connection',
    id: 'bench',
    // A password, as a real credential has: the host then checks every result for it
    // before handing it on. The server trusts local connections and never asks for it.
    data: {
      ...server,
      password: server.password ?? 'bench-password-never-asked',
      ssl: 'disable',
      poolSize: POOL_SIZE,
      applicationName: 'knotwork-bench',
    },
  };
  const rawPool = new pg.Pool({
    ...server,
    max: POOL_SIZE,
    application_name: 'knotwork-bench-raw',
  });
  const baselineHost = await createHost({ definitions: [hostOverheadPlugin(rawPool)] });

  const viaNode = (n) =>
    host.execute('postgres.query', { sql: SQL, parameters: [n] }, { credential });
  const viaPool = (n) => rawPool.query(SQL, [n]);
  const viaHostOnly = (n) =>
    baselineHost.execute('pgbaseline.rawQuery', { sql: SQL, parameters: [n] }, { credential });
  const viaNewConnection = async (n) => {
    const client = new pg.Client({ ...server, application_name: 'knotwork-bench-client' });
    await client.connect();
    try {
      await client.query(SQL, [n]);
    } finally {
      await client.end();
    }
  };

  try {
    const rates = await interleavedRates(
      { node: viaNode, pool: viaPool, hostOnly: viaHostOnly },
      { calls: QUERIES, concurrency: CONCURRENCY, rounds: ROUNDS, slices: SLICES },
    );
    // Slow by design (a TCP connect and a login per query): measured once.
    const connectionRate = await callsPerSecond(QUERIES, CONCURRENCY, viaNewConnection);

    const node = median(rates.node);
    const pool = median(rates.pool);
    const hostOnly = median(rates.hostOnly);
    const vsConnection = node / connectionRate;
    const vsPool = ratios(rates.node, rates.pool);
    const hostVsPool = ratios(rates.hostOnly, rates.pool);
    const pass = vsConnection >= TARGET_VS_CONNECTION && vsPool >= TARGET_VS_POOL;
    report(
      `PostgreSQL Query (${QUERIES.toLocaleString('en')} single-row queries, concurrency ${CONCURRENCY}, pool ${POOL_SIZE}, medians of ${ROUNDS} rounds of ${SLICES} alternating slices; ratios per round)`,
      [
        ['new pg.Client per query', `${connectionRate.toFixed(0)} q/s`],
        ['raw pg.Pool', `${pool.toFixed(0)} q/s`],
        ['host.execute + postgres.query (its pool)', `${node.toFixed(0)} q/s`],
        ['host.execute + raw pool (host cost alone)', `${hostOnly.toFixed(0)} q/s`],
        ['ratio (node / per-connection)', `${vsConnection.toFixed(1)}x`],
        ['ratio (node / raw pool)', vsPool.toFixed(3)],
        ['ratio (host alone / raw pool)', hostVsPool.toFixed(3)],
      ],
      `${pass ? 'PASS' : 'MISS'}: targets >= ${TARGET_VS_CONNECTION}x the per-connection rate and >= ${TARGET_VS_POOL} of the raw pool`,
    );
  } finally {
    await host.close();
    await baselineHost.close();
    await rawPool.end();
  }
}

// Run directly: node --expose-gc plugins/postgres/bench/query.bench.mjs
if (import.meta.url === `file://${process.argv[1]}`) await postgresBench();
