import type { Command } from 'commander';
import { type CliIo, printJson } from '../io.js';
import { type DiscoveryFlags, openHost, reportProblems } from '../open-host.js';
import { formatTable } from '../table.js';

export function registerPluginCommands(program: Command, io: CliIo): void {
  const plugins = program.command('plugins').description('Installed integration plugins');
  plugins
    .command('list')
    .description('List the plugins found by the knotwork-plugin npm keyword')
    .option('--json', 'print JSON (plugins and problems)')
    .option('--dir <folder...>', 'look in these folders’ node_modules instead of the current one')
    .action(async (flags: DiscoveryFlags & { json?: boolean }) => {
      const host = await openHost(io, flags);
      const list = host.plugins().map(({ icon: _icon, ...rest }) => rest);
      if (flags.json) {
        printJson(io, { plugins: list, problems: host.problems() });
        return;
      }
      reportProblems(io, host);
      if (list.length === 0) {
        io.stdout(
          'No knotwork plugins found. Install one, e.g. `npm install @knotwork/plugin-slack`.\n',
        );
        return;
      }
      io.stdout(
        `${formatTable(
          ['PLUGIN', 'VERSION', 'NODES', 'CREDENTIALS', 'DESCRIPTION'],
          list.map((plugin) => [
            plugin.name,
            plugin.version,
            String(plugin.nodeCount),
            plugin.credentialTypes.map((type) => type.slice(plugin.name.length + 1)).join(', '),
            plugin.description,
          ]),
        )}\n\n${list.length} plugin${list.length === 1 ? '' : 's'}\n`,
      );
    });
}
