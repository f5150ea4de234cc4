// Shared test settings: each package writes a JSON result the root test command sums up.
import { defineConfig } from 'vitest/config';

export function packageTests(overrides = {}) {
  const { test = {}, ...rest } = overrides;
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
      testTimeout: 20_000,
      ...test,
    },
    ...rest,
  });
}
