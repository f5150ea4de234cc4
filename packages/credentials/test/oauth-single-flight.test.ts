import { describe, expect, it } from 'vitest';
import { singleFlight } from '../src/oauth/single-flight.js';
import { memoryVault } from './fixtures/oauth-memory-vault.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('singleFlight', () => {
  it('lets concurrent callers of one key share the work in flight, and starts afresh afterwards', async () => {
    const vault = memoryVault();
    let runs = 0;
    const gate = deferred<string>();
    const work = () => {
      runs += 1;
      return gate.promise;
    };
    const callers = [1, 2, 3].map(() => singleFlight(vault, 'k', false, work));
    gate.resolve('done');
    expect(await Promise.all(callers)).toEqual(['done', 'done', 'done']);
    expect(runs).toBe(1);

    await singleFlight(vault, 'k', false, async () => {
      runs += 1;
      return 'again';
    });
    expect(runs).toBe(2);
  });

  it('keeps vaults (processes) and keys apart', async () => {
    const store = memoryVault().store;
    const [a, b] = [memoryVault(store), memoryVault(store)];
    let runs = 0;
    const work = async () => {
      runs += 1;
      return runs;
    };
    await Promise.all([
      singleFlight(a, 'k', false, work),
      singleFlight(b, 'k', false, work),
      singleFlight(a, 'other', false, work),
    ]);
    expect(runs).toBe(3);
  });

  it('does not let a forced caller settle for unforced work; later callers join the forced run', async () => {
    const vault = memoryVault();
    const order: string[] = [];
    const gate = deferred<string>();
    const unforced = singleFlight(vault, 'k', false, () => {
      order.push('unforced');
      return gate.promise;
    });
    const forced = singleFlight(vault, 'k', true, async () => {
      order.push('forced');
      return 'fresh';
    });
    const joiner = singleFlight(vault, 'k', false, async () => {
      order.push('joiner');
      return 'unexpected';
    });
    gate.resolve('stale');
    expect(await unforced).toBe('stale');
    expect(await forced).toBe('fresh');
    expect(await joiner).toBe('fresh');
    expect(order).toEqual(['unforced', 'forced']);
  });

  it('passes a failure to every caller sharing it, and the next call tries again', async () => {
    const vault = memoryVault();
    const failing = () => Promise.reject(new Error('provider down'));
    const results = await Promise.allSettled([
      singleFlight(vault, 'k', false, failing),
      singleFlight(vault, 'k', false, failing),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(singleFlight(vault, 'k', false, async () => 'recovered')).resolves.toBe(
      'recovered',
    );
  });
});
