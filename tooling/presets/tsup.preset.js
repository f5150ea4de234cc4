// Shared build settings for every knotwork package (see shared toolchain notes):
// ESM with declarations for Node 24, and node: specifiers kept (tsup would strip
// `node:` and break `node:sqlite`).
import { defineConfig } from 'tsup';

export function packageBuild(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    target: 'node22',
    platform: 'node',
    removeNodeProtocol: false,
    sourcemap: true,
    clean: true,
    ...overrides,
  });
}
