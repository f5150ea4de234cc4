import { createHost } from '@knotwork/host';
import { generatePlugins } from './generated-plugins.mjs';
import { fmt, medianMs, report } from './measure.mjs';

const COUNT = 30;
const TARGET_MS = 30;

/** Listing 30 plugins from manifests vs importing all 30 entries (what a host without manifests must do). */
export async function listingBench() {
  const { root, entries } = await generatePlugins(COUNT);
  let listed = 0;
  const listMs = await medianMs(async () => {
    const host = await createHost({ dirs: [root] });
    listed = host.plugins().length + host.nodes().length * 0;
  });
  const importMs = await medianMs(async (run) => {
    // A fresh query string defeats the module cache, as a cold start would.
    await Promise.all(entries.map((entry, index) => import(`${entry}?run=${run}-${index}`)));
  });
  if (listed !== COUNT) throw new Error(`expected ${COUNT} plugins listed, got ${listed}`);
  report(
    `Listing ${COUNT} plugins`,
    [
      ['from manifests (createHost + plugins())', fmt(listMs)],
      ['baseline: importing every entry', fmt(importMs)],
      ['ratio (manifests / imports)', (listMs / importMs).toFixed(3)],
    ],
    `${listMs <= TARGET_MS ? 'PASS' : 'MISS'}: target <= ${TARGET_MS} ms for ${COUNT} plugins`,
  );
}
