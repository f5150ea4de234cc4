import { performance } from 'node:perf_hooks';

/** Median of `runs` timings of `fn`, in ms: the median shrugs off one GC pause. */
export async function medianMs(fn, runs = 7) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fn(run);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function report(title, rows, verdict) {
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(44)} ${value}`);
  console.log(`  ${verdict}`);
}

export function fmt(ms) {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}
