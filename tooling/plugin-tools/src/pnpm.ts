import { spawn } from 'node:child_process';
import { PluginToolError } from './tool-error.js';
import { packageManagerOf } from './workspace.js';

/**
 * Runs the repo's pinned pnpm through npx: pnpm may not be installed on the machine, and
 * a pnpm from the repo's own node_modules is not on every PATH (see the toolchain notes).
 */
export async function runPnpm(root: string, args: string[]): Promise<void> {
  const packageManager = await packageManagerOf(root);
  const command = ['npx', '-y', packageManager, ...args];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new PluginToolError(
      `\`${command.join(' ')}\` failed (exit ${code}) in ${root}: see its output above`,
    );
  }
}
