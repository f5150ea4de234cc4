import { Command, CommanderError } from 'commander';
import { createPlugin } from './create-plugin.js';
import { runLintCommand } from './lint.js';
import { runManifestCommand } from './manifest-command.js';
import { consoleOutput, type Output } from './output.js';
import { isPluginToolError } from './tool-error.js';
import { resolveRoot } from './workspace.js';

/** The knotwork-plugin command line; `report` receives each command's exit code. */
export function createProgram(output: Output, report: (exitCode: number) => void): Command {
  const program = new Command('knotwork-plugin')
    .description('Build and check knotwork plugin manifests, lint plugins, scaffold new ones.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.log(text.trimEnd()),
      writeErr: (text) => output.error(text.trimEnd()),
    });

  program
    .command('manifest')
    .description("write the plugin's knotwork.manifest.json from its built code")
    .option('--check', 'write nothing; fail when the committed manifest differs from the code')
    .option('--dir <pluginDir>', "the plugin's folder", process.cwd())
    .action(async (options: { check?: boolean; dir: string }) => {
      report(await runManifestCommand({ dir: options.dir, check: options.check === true }, output));
    });

  program
    .command('lint')
    .description('check every package under plugins/ against the plugin conventions')
    .option('--root <repoRoot>', 'the repo root (default: the folder holding pnpm-workspace.yaml)')
    .action(async (options: { root?: string }) => {
      report(await runLintCommand(await resolveRoot(options.root, process.cwd()), output));
    });

  program
    .command('create')
    .description('scaffold plugins/<name> with a node, tests, README, docs page and changeset')
    .argument('<name>', 'lowercase letters, digits and dashes, e.g. google-sheets')
    .option('--root <repoRoot>', 'the repo root (default: the folder holding pnpm-workspace.yaml)')
    .option('--display-name <displayName>', 'name people see, e.g. "Google Sheets"')
    .option('--no-install', 'only write the files: skip pnpm install, build and the manifest')
    .action(
      async (name: string, options: { root?: string; displayName?: string; install: boolean }) => {
        const root = await resolveRoot(options.root, process.cwd());
        const created = await createPlugin(
          {
            root,
            name,
            install: options.install,
            ...(options.displayName ? { displayName: options.displayName } : {}),
          },
          output,
        );
        // A fresh scaffold that fails lint means the templates drifted from the rules.
        report(created.problems.length === 0 ? 0 : 1);
      },
    );

  return program;
}

/** Runs the command line and returns the exit code instead of exiting, so the bin decides. */
export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  let exitCode = 0;
  const program = createProgram(output, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // --help and --version arrive here too, with exit code 0; commander already printed them.
    if (error instanceof CommanderError) return error.exitCode;
    if (isPluginToolError(error)) {
      output.error(error.message);
      return 1;
    }
    throw error;
  }
}
