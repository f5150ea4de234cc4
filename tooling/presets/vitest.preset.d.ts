import type { UserConfig } from 'vitest/config';
export function packageTests(overrides?: UserConfig): UserConfig;
