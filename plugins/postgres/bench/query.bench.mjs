// PostgreSQL Query through the node (host.execute + its pool) against a new connection
// per query and against a raw pg.Pool, on the same server in the same run.
// Needs the built plugin (pnpm build) and a PostgreSQL server (KNOTWORK_BENCH_POSTGRES_URL,
// default postgres://postgres@127.0.0.1:5432/test).
import { performance } from 'node:perf_hooks';
import { createHost } from '@knotwork/host';
import { defineNode, definePlugin, z } from '@knotwork/sdk';
import pg from 'pg';
import { report } from '../../../tooling/bench/src/measure.mjs';
import plugin from '../dist/index.js';

const QUERIES = 2_000;
const CONCURRENCY = 10;
const POOL_SIZE = 10;
const ROUNDS = 15;
const TARGET_VS_CONNECTION = 5;
const TARGET_VS_POOL = 0.8;
const SQL = 'SELECT $1::int AS n';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * `total` calls of `task`, `CONCURRENCY` at a time; returns queries per second.
 *
 * No forced gc() before a round: a full collection deoptimizes the optimized code that
 * embeds objects it freed (V8 logs "embedded weak objects cleared": 616 such deopts in one
 * run, in node-postgres, Node's streams and knotwork alike), so every short round would
 * start by compiling again and measure that more than the queries. The rotation below
 * spreads each leg's garbage over the others' rounds instead.
 */
async function rate(total, task) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      await task(n);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return total / ((performance.now() - start) / 1000);
}

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
    data: { ...server, ssl: 'disable', poolSize: POOL_SIZE, applicationName: 'knotwork-bench' },
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
    // Warm the pools (connections, JIT), then measure in rounds: each round runs every leg
    // once, in a rotating order, and the ratios are taken within a round, so drift in the
    // machine's speed (a shared 2-core box) hits both sides of a ratio alike.
    const legs = { node: viaNode, pool: viaPool, hostOnly: viaHostOnly };
    for (const task of Object.values(legs)) await rate(QUERIES, task);
    const rates = { node: [], pool: [], hostOnly: [] };
    const names = Object.keys(legs);
    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < names.length; step++) {
        const name = names[(round + step) % names.length];
        rates[name].push(await rate(QUERIES, legs[name]));
      }
    }
    // Slow by design (a TCP connect and a login per query): measured once.
    const connectionRate = await rate(QUERIES, viaNewConnection);

    const node = median(rates.node);
    const pool = median(rates.pool);
    const hostOnly = median(rates.hostOnly);
    const vsConnection = node / connectionRate;
    const vsPool = median(rates.node.map((value, round) => value / rates.pool[round]));
    const hostVsPool = median(rates.hostOnly.map((value, round) => value / rates.pool[round]));
    const pass = vsConnection >= TARGET_VS_CONNECTION && vsPool >= TARGET_VS_POOL;
    report(
      `PostgreSQL Query (${QUERIES.toLocaleString('en')} single-row queries, concurrency ${CONCURRENCY}, pool ${POOL_SIZE}, medians of ${ROUNDS} rounds; ratios per round)`,
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
