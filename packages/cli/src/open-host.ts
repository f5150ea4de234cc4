import { resolve } from 'node:path';
import { createHost, type Host } from '@knotwork/host';
import type { CliIo } from './io.js';

export interface DiscoveryFlags {
  dir?: string[];
}

/**
 * Plugins come from the node_modules of the folders given with --dir, or of
 * KNOTWORK_PLUGINS_DIR (colon-separated), or of the current folder.
 */
export async function openHost(io: CliIo, flags: DiscoveryFlags): Promise<Host> {
  return createHost({ dirs: pluginDirs(io, flags).map((dir) => resolve(io.cwd, dir)) });
}

export function pluginDirs(io: CliIo, flags: DiscoveryFlags): string[] {
  const fromEnv = io.env.KNOTWORK_PLUGINS_DIR?.split(':').filter(Boolean);
  return flags.dir?.length ? flags.dir : fromEnv?.length ? fromEnv : [io.cwd];
}

/** Broken plugins are reported on stderr, so listings on stdout stay clean for scripts. */
export function reportProblems(io: CliIo, host: Host): void {
  for (const problem of host.problems()) {
    io.stderr(`warning: skipped ${problem.package}: ${problem.problem}\n  (${problem.path})\n`);
  }
  for (const provider of host.oauthProviders()) {
    for (const conflict of provider.conflicts) {
      io.stderr(`warning: OAuth provider "${provider.key}" is declared differently: ${conflict}\n`);
    }
  }
}
