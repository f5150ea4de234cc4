import { randomBytes } from 'node:crypto';
import { hostFor, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { eventually, useTestDatabase } from './support.js';

const db = useTestDatabase();

const backendPid = { sql: 'SELECT pg_backend_pid() AS pid' };

/** A credential whose connections can be told apart from every other test's. */
function ownCredential(data: Record<string, unknown> = {}) {
  const applicationName = `kw-pool-${randomBytes(4).toString('hex')}`;
  return { applicationName, credential: db.credential({ applicationName, ...data }) };
}

describe('one pool per credential', () => {
  test('runs with the same credential reuse one server connection', async () => {
    const { credential, applicationName } = ownCredential();

    const first = await runNode<{ rows: Array<{ pid: number }> }>(plugin, 'query', backendPid, {
      credential,
    });
    const second = await runNode<{ rows: Array<{ pid: number }> }>(plugin, 'query', backendPid, {
      credential,
    });

    expect(first.output?.rows[0]?.pid).toBeTypeOf('number');
    expect(second.output?.rows[0]?.pid).toBe(first.output?.rows[0]?.pid);
    expect(await db.connections(applicationName)).toHaveLength(1);
  });

  test('never opens more connections than the pool size, however many runs wait', async () => {
    const { credential, applicationName } = ownCredential({ poolSize: 2 });

    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        runNode<{ rows: Array<{ pid: number }> }>(
          plugin,
          'query',
          { sql: 'SELECT pg_backend_pid() AS pid, pg_sleep(0.1)' },
          { credential },
        ),
      ),
    );

    const pids = new Set(runs.map((run) => run.output?.rows[0]?.pid));
    expect(runs.every((run) => run.ok)).toBe(true);
    expect(pids.size).toBe(2);
    expect(await db.connections(applicationName)).toHaveLength(2);
  });

  test('a run that times out waiting for a free connection gives it back when it comes', async () => {
    const { credential, applicationName } = ownCredential({ poolSize: 1 });
    const busy = runNode(plugin, 'query', { sql: 'SELECT pg_sleep(0.4)' }, { credential });
    expect(
      await eventually(async () =>
        (await db.connections(applicationName)).some((connection) => connection.state === 'active'),
      ),
    ).toBe(true);

    const waiting = await runNode(plugin, 'query', backendPid, { credential, timeoutMs: 100 });
    expect(waiting.error?.code).toBe('timeout');
    expect((await busy).ok).toBe(true);

    // The connection the timed-out run was handed late went back idle, not lost.
    const after = await runNode<{ rows: Array<{ pid: number }> }>(plugin, 'query', backendPid, {
      credential,
      timeoutMs: 2_000,
    });
    expect(after.ok).toBe(true);
    expect(await db.connections(applicationName)).toHaveLength(1);
  });

  test('closes a connection that sat idle past the idle timeout', async () => {
    const { credential, applicationName } = ownCredential({ idleTimeoutMs: 100 });

    await runNode(plugin, 'query', backendPid, { credential });

    expect(await db.connections(applicationName)).toHaveLength(1);
    expect(await eventually(async () => (await db.connections(applicationName)).length === 0)).toBe(
      true,
    );
  });

  test('two credentials to the same server get two pools', async () => {
    const one = ownCredential();
    const two = ownCredential();

    await runNode(plugin, 'query', backendPid, { credential: one.credential });
    await runNode(plugin, 'query', backendPid, { credential: two.credential });

    expect(await db.connections(one.applicationName)).toHaveLength(1);
    expect(await db.connections(two.applicationName)).toHaveLength(1);
  });

  test('the pool ends with the host', async () => {
    const { credential, applicationName } = ownCredential({ idleTimeoutMs: 0 });
    await runNode(plugin, 'query', backendPid, { credential });
    expect(await db.connections(applicationName)).toHaveLength(1);

    await (await hostFor(plugin)).close();

    expect(await eventually(async () => (await db.connections(applicationName)).length === 0)).toBe(
      true,
    );
  });
});

describe('connections the server ends', () => {
  test('a statement whose connection an administrator terminates fails as retryable, and the next run works', async () => {
    const { credential, applicationName } = ownCredential();
    const running = runNode(plugin, 'query', { sql: 'SELECT pg_sleep(5)' }, { credential });
    expect(
      await eventually(async () =>
        (await db.connections(applicationName)).some((connection) => connection.state === 'active'),
      ),
    ).toBe(true);

    await db.sql(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    const run = await running;
    const next = await runNode<{ rows: unknown[] }>(
      plugin,
      'query',
      { sql: 'SELECT 1 AS ok' },
      {
        credential,
      },
    );

    expect(run.error?.code).toBe('admin_shutdown');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.message).toBe('terminating connection due to administrator command');
    expect(run.error?.hint).toContain('knotwork dropped that connection; run again');
    expect(next.output?.rows).toEqual([{ ok: 1 }]);
  });

  test('an idle pooled connection the server ends is dropped quietly and replaced', async () => {
    const { credential, applicationName } = ownCredential({ idleTimeoutMs: 0 });
    const first = await runNode<{ rows: Array<{ pid: number }> }>(plugin, 'query', backendPid, {
      credential,
    });

    await db.sql(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    await eventually(async () => (await db.connections(applicationName)).length === 0);
    // The server's side is gone; wait until the pool has heard it too (its socket closed and
    // the idle client was dropped), which it reports on the log of the run that made it.
    expect(
      await eventually(async () =>
        first.logs.some((record) => record.message.includes('closed an idle pooled connection')),
      ),
    ).toBe(true);
    const second = await runNode<{ rows: Array<{ pid: number }> }>(plugin, 'query', backendPid, {
      credential,
    });

    expect(second.ok).toBe(true);
    expect(second.output?.rows[0]?.pid).not.toBe(first.output?.rows[0]?.pid);
  });

  /**
   * Runs `input` on a pool of its own with a 300 ms timeout: the run must fail with
   * `timeout` at once and leave every connection idle (the server stopped working on it).
   */
  async function cancelledOnServer(input: Record<string, unknown>) {
    const { credential, applicationName } = ownCredential();
    const started = Date.now();

    const run = await runNode(plugin, 'query', input, { credential, timeoutMs: 300 });

    expect(run.error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(
      await eventually(async () =>
        (await db.connections(applicationName)).every((connection) => connection.state === 'idle'),
      ),
    ).toBe(true);
    return credential;
  }

  test('a run that times out cancels its statement on the server', async () => {
    const credential = await cancelledOnServer({ sql: 'SELECT pg_sleep(30)' });

    const after = await runNode<{ rows: unknown[] }>(
      plugin,
      'query',
      { sql: 'SELECT 2 AS ok' },
      { credential },
    );
    expect(after.output?.rows).toEqual([{ ok: 2 }]);
  });

  test('a batch that times out cancels its statement and rolls its transaction back', async () => {
    await cancelledOnServer({ sql: 'SELECT pg_sleep($1::float)', items: [[0], [30]] });
  });
});
