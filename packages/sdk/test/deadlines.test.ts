import { describe, expect, test } from 'vitest';
import { Deadlines, type Expiring } from '../src/deadlines.js';

function item(log: string[], name: string): Expiring {
  return {
    deadline: 0,
    expire: () => {
      log.push(name);
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Deadlines', () => {
  test('items with one timeout expire in the order they were added, each after its own wait', async () => {
    const deadlines = new Deadlines();
    const log: string[] = [];
    deadlines.add(item(log, 'first'), 200);
    await pause(100);
    deadlines.add(item(log, 'second'), 200);

    await pause(150);
    expect(log).toEqual(['first']);
    await pause(150);
    expect(log).toEqual(['first', 'second']);
  });

  test('a deleted item never expires, and the others still do', async () => {
    const deadlines = new Deadlines();
    const log: string[] = [];
    const kept = item(log, 'kept');
    const dropped = item(log, 'dropped');
    deadlines.add(dropped, 30);
    deadlines.add(kept, 30);
    deadlines.delete(dropped);

    await pause(80);
    expect(log).toEqual(['kept']);
  });

  test('different timeouts run on their own schedules', async () => {
    const deadlines = new Deadlines();
    const log: string[] = [];
    deadlines.add(item(log, 'long'), 250);
    deadlines.add(item(log, 'short'), 20);

    await pause(120);
    expect(log).toEqual(['short']);
    await pause(250);
    expect(log).toEqual(['short', 'long']);
  });

  test('a lane emptied and used again still times its new items', async () => {
    const deadlines = new Deadlines();
    const log: string[] = [];
    const early = item(log, 'early');
    deadlines.add(early, 100);
    deadlines.delete(early);
    await pause(50);
    deadlines.add(item(log, 'late'), 100);

    await pause(60);
    expect(log).toEqual([]);
    await pause(150);
    expect(log).toEqual(['late']);
  });

  test('deleting an item that already expired changes nothing for the others', async () => {
    const deadlines = new Deadlines();
    const log: string[] = [];
    const gone = item(log, 'gone');
    deadlines.add(gone, 20);
    await pause(60);
    deadlines.add(item(log, 'next'), 20);
    deadlines.delete(gone);

    await pause(60);
    expect(log).toEqual(['gone', 'next']);
  });
});
