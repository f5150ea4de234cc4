import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CredentialsManager } from '../src/manager.js';
import { rejectionOf } from './fixtures/rejection.js';
import { openManager, storeBackends } from './fixtures/store-backends.js';
import { tempDir } from './fixtures/temp-dirs.js';

/** Runs `rounds` locked sections on each manager at once; returns the most ever inside together. */
async function contend(managers: CredentialsManager[], credentialId: string, rounds: number) {
  let inside = 0;
  let most = 0;
  let entered = 0;
  await Promise.all(
    managers.flatMap((manager) =>
      Array.from({ length: rounds }, () =>
        manager.withCredentialLock(credentialId, async () => {
          inside += 1;
          entered += 1;
          most = Math.max(most, inside);
          await sleep(5);
          inside -= 1;
        }),
      ),
    ),
  );
  return { most, entered };
}

describe.each(storeBackends)('the credential lock on $name', (backend) => {
  it('lets only one of two managers sharing the store run at a time', async () => {
    const space = backend.newSpace();
    const first = await openManager(space);
    const second = await openManager(space);
    expect(await contend([first, second], 'cred-1', 6)).toEqual({ most: 1, entered: 12 });
  });

  it('releases the lock when the locked work throws', async () => {
    const manager = await openManager(backend.newSpace());
    await expect(
      manager.withCredentialLock('cred-1', async () => {
        throw new Error('token endpoint exploded');
      }),
    ).rejects.toThrow('token endpoint exploded');
    expect(await manager.store.leaseHolder('cred-1')).toBeUndefined();
    const started = Date.now();
    expect(await manager.withCredentialLock('cred-1', async () => 'again')).toBe('again');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('takes over a lock left behind by a crashed process once its lease runs out', async () => {
    const manager = await openManager(backend.newSpace(), {
      lock: { leaseMs: 5_000, timeoutMs: 5_000 },
    });
    expect(
      await manager.store.tryAcquireLease(
        'cred-1',
        'crashed-process',
        Date.now() + 300,
        Date.now(),
      ),
    ).toBe(true);
    const started = Date.now();
    expect(await manager.withCredentialLock('cred-1', async () => 'mine')).toBe('mine');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('gives up after the wait bound, naming who holds the lock', async () => {
    const manager = await openManager(backend.newSpace(), {
      lock: { leaseMs: 5_000, timeoutMs: 200 },
    });
    await manager.store.tryAcquireLease('cred-1', 'worker-7:1234', Date.now() + 60_000, Date.now());
    const error = await rejectionOf(manager.withCredentialLock('cred-1', async () => 'never'));
    expect(error.code).toBe('credential_locked');
    expect(error.message).toContain('worker-7:1234');
    expect(error.retryable).toBe(true);
  });

  it('keeps the lease alive while slow work runs past the lease time', async () => {
    const space = backend.newSpace();
    const holder = await openManager(space, { lock: { leaseMs: 150, timeoutMs: 5_000 } });
    const waiter = await openManager(space, { lock: { leaseMs: 150, timeoutMs: 5_000 } });
    const order: string[] = [];
    await Promise.all([
      holder.withCredentialLock('cred-1', async () => {
        order.push('holder in');
        await sleep(600);
        order.push('holder out');
      }),
      sleep(50).then(() =>
        waiter.withCredentialLock('cred-1', async () => order.push('waiter in')),
      ),
    ]);
    expect(order).toEqual(['holder in', 'holder out', 'waiter in']);
  });
});

describe('the credential lock across processes', () => {
  it('lets only one of two processes sharing a SQLite file hold it at a time', async () => {
    const root = tempDir();
    const log = join(root, 'lock.log');
    const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const contender = () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            './ts-source-hook.mjs',
            'lock-contender.ts',
            join(root, 'data'),
            'cred-1',
            log,
            '5',
          ],
          { cwd: fixtures, stdio: ['ignore', 'inherit', 'inherit'] },
        );
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`contender exited ${code}`)),
        );
      });
    await Promise.all([contender(), contender()]);

    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20);
    expect(new Set(lines.map((line) => line.split(' ')[1])).size).toBe(2);
    // Every enter is followed by the same process's exit before anyone else enters.
    for (let index = 0; index < lines.length; index += 2) {
      const [enter, exit] = [lines[index]!.split(' '), lines[index + 1]!.split(' ')];
      expect(enter[0]).toBe('enter');
      expect(exit).toEqual(['exit', enter[1]]);
    }
  });
});
