import type { Options } from 'tsup';
export function packageBuild(overrides?: Options): ReturnType<typeof import('tsup').defineConfig>;
