// Runs every package's tests in dependency order through lerna, then prints one total.
// Old result files are removed first so a package whose tests never ran cannot look green.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
for (const group of ['packages', 'plugins', 'tooling']) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {
    continue;
  }
  for (const name of names) rmSync(join(root, group, name, 'test-results.json'), { force: true });
}

const lerna = spawnSync(
  'lerna',
  ['run', 'test', '--stream', '--concurrency', '2', '--no-bail', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    shell: false,
  },
);
const summary = spawnSync(process.execPath, [join(root, 'tooling/scripts/test-summary.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (lerna.status !== 0) console.error('\nSome package test scripts failed (see above).');
process.exitCode = lerna.status !== 0 || summary.status !== 0 ? 1 : 0;
