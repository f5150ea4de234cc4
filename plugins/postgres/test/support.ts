import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostFor, type RunOptions } from '@knotwork/testing';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import plugin from '../src/index.js';

type InlineCredential = Exclude<RunOptions['credential'], string | undefined>;

/** The PostgreSQL this machine runs (trust auth on 127.0.0.1, see shared/notes/test-servers.md). */
export const SERVER_URL =
  process.env.KNOTWORK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const server = new URL(SERVER_URL);
export const SERVER = {
  host: server.hostname,
  port: Number(server.port || 5432),
  user: decodeURIComponent(server.username),
  database: server.pathname.slice(1),
};

export interface TestDatabase {
  /** This file's own schema, dropped with everything in it at the end. */
  schema: string;
  /** Marks this file's connections in pg_stat_activity. */
  applicationName: string;
  /** A connection of the test's own, outside the node's pool. */
  admin(): pg.Client;
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<R[]>;
  /** A credential (fields form) whose search path is this file's schema. */
  credential(data?: Record<string, unknown>): InlineCredential;
  /** This file's connections the server currently has, by state. */
  connections(applicationName?: string): Promise<Array<{ pid: number; state: string }>>;
}

const SHOP = readFileSync(new URL('./fixtures/shop.sql', import.meta.url), 'utf8');

/**
 * A unique schema per test file, created before and dropped after, with the host closed;
 * the shop tables are rebuilt in it before every test.
 */
export function useTestDatabase(): TestDatabase {
  const suffix = randomBytes(4).toString('hex');
  const schema = `kw_test_${suffix}`;
  const applicationName = `kw-test-${suffix}`;
  const admin = new pg.Client({
    connectionString: SERVER_URL,
    application_name: `${applicationName}-admin`,
  });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  beforeEach(async () => {
    await admin.query(
      `SET search_path = ${schema}; DROP TABLE IF EXISTS orders, customers CASCADE; ${SHOP}`,
    );
  });
  afterAll(async () => {
    await (await hostFor(plugin)).close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  return {
    schema,
    applicationName,
    admin: () => admin,
    sql: async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      (await admin.query<R>(text, values)).rows,
    credential: (data = {}) => ({
      key: 'connection',
      id: randomUUID(),
      data: {
        host: SERVER.host,
        port: SERVER.port,
        user: SERVER.user,
        database: SERVER.database,
        searchPath: schema,
        applicationName,
        ...data,
      },
    }),
    connections: async (name = applicationName) =>
      (
        await admin.query<{ pid: number; state: string }>(
          'SELECT pid, state FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid',
          [name],
        )
      ).rows,
  };
}

/** A TCP port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls until `check` holds or the time is up; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
