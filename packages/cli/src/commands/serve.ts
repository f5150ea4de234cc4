import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { type DiscoveryFlags, pluginDirs } from '../open-host.js';

interface ServeFlags extends DiscoveryFlags {
  port?: string;
  host?: string;
}

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'Start the studio: browse integrations, set up and test credentials, try nodes in a browser',
    )
    // No commander defaults: KNOTWORK_PORT and KNOTWORK_HOST apply when a flag is not given.
    .option('-p, --port <port>', 'port to listen on (default 5678, or KNOTWORK_PORT)')
    .option(
      '--host <host>',
      'address to listen on (default 127.0.0.1, or KNOTWORK_HOST); any other needs KNOTWORK_AUTH_TOKEN',
    )
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (flags: ServeFlags) => {
      // Loaded on demand: the server's dependencies are not needed by any other command.
      const { startStudio } = await import('@knotwork/studio');
      const studio = await startStudio({
        dirs: pluginDirs(io, flags).map((dir) => resolve(io.cwd, dir)),
        env: io.env,
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(flags.host === undefined ? {} : { host: flags.host }),
        print: io.stdout,
        log: (line) => io.stderr(`${line}\n`),
      });
      try {
        await (io.untilStopped ?? stopSignal)();
      } finally {
        await studio.close();
      }
    });
}

function stopSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
