import { performance } from 'node:perf_hooks';

/** Median of `runs` timings of `fn`, in ms: the median shrugs off one GC pause. */
export async function medianMs(fn, runs = 7) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fn(run);
    times.push(performance.now() - start);
  }
  return median(times);
}

export function report(title, rows, verdict) {
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(44)} ${value}`);
  console.log(`  ${verdict}`);
}

export function fmt(ms) {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `total` calls of `task`, `concurrency` at a time; returns calls per second. */
export async function callsPerSecond(total, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      await task(n);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - start) / 1000);
}

/**
 * Throughput of several ways of doing the same work (the product and its raw baseline),
 * measured so that the ratios between them hold still on a shared machine:
 *
 * - Each round gives every leg `calls` calls, in `slices` slices, the legs taking turns
 *   slice by slice in an order that rotates. The speed of a shared 2-core machine drifts
 *   within a second; a leg that ran all its calls in one go caught a slow or a fast patch
 *   on its own (a PostgreSQL leg ranged from 18k to 44k queries/s between rounds).
 * - Compare legs with `ratios`, which takes each ratio within a round before the median.
 * - No forced gc() between rounds: a forced full collection deoptimizes compiled code that
 *   embeds objects it freed (V8 logs "embedded weak objects cleared", 616 times in one
 *   PostgreSQL run), so every round would start by compiling again. Taking turns spreads
 *   each leg's garbage over the others instead.
 * - `warmups` passes of `calls` per leg first, for connections and the JIT: after a single
 *   pass, the next two rounds still ran at about half speed.
 *
 * Returns each leg's rate per round, in calls per second.
 */
export async function interleavedRates(
  legs,
  { calls, concurrency, rounds, slices = 10, warmups = 3 },
) {
  const names = Object.keys(legs);
  for (let pass = 0; pass < warmups; pass++) {
    for (const name of names) await callsPerSecond(calls, concurrency, legs[name]);
  }
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  const perSlice = Math.round(calls / slices);
  for (let round = 0; round < rounds; round++) {
    const seconds = Object.fromEntries(names.map((name) => [name, 0]));
    for (let slice = 0; slice < slices; slice++) {
      for (let step = 0; step < names.length; step++) {
        const name = names[(round + slice + step) % names.length];
        seconds[name] += perSlice / (await callsPerSecond(perSlice, concurrency, legs[name]));
      }
    }
    for (const name of names) rates[name].push((perSlice * slices) / seconds[name]);
  }
  return rates;
}

/** The median over rounds of `of[round] / to[round]`. */
export function ratios(of, to) {
  return median(of.map((value, round) => value / to[round]));
}
