import { Command, CommanderError } from 'commander';
import { registerCredentialCommands } from './commands/credentials.js';
import { registerNodeCommands } from './commands/nodes.js';
import { registerPluginCommands } from './commands/plugins.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { ExitWith } from './exit-code.js';
import { type CliIo, processIo } from './io.js';
import { renderError } from './render-error.js';
import { CLI_VERSION } from './version.js';

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad usage. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('knotwork')
    .description('knotwork: app integrations for workflow automation')
    .version(CLI_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError();
  registerPluginCommands(program, io);
  registerNodeCommands(program, io);
  registerCredentialCommands(program, io);
  registerRunCommand(program, io);
  registerServeCommand(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? 0
        : 2;
    }
    if (error instanceof ExitWith) return error.exitCode;
    renderError(io, error, argv.includes('--json'));
    return 1;
  }
}
