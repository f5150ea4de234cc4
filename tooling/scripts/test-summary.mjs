// Sums every package's vitest JSON result into one closing line, so a reader (and CI)
// sees the whole repo's count: "tests: N passed, N failed".
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ['packages', 'plugins', 'tooling']) {
  let names = [];
  try {
    names = await readdir(join(root, group));
  } catch {
    continue;
  }
  for (const name of names.sort()) {
    let result;
    try {
      result = JSON.parse(await readFile(join(root, group, name, 'test-results.json'), 'utf8'));
    } catch {
      continue;
    }
    const pending = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += pending;
    rows.push(
      `  ${`${group}/${name}`.padEnd(32)} ${String(result.numPassedTests).padStart(4)} passed  ${result.numFailedTests} failed`,
    );
  }
}
console.log(`\nTest results by package\n${rows.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || rows.length === 0 ? 1 : 0;
