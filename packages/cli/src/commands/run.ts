import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isBinaryData, readBinary } from '@knotwork/sdk';
import type { Command } from 'commander';
import { type CliIo, printJson } from '../io.js';
import type { DiscoveryFlags } from '../open-host.js';
import { openWorkspace } from '../open-workspace.js';
import { readJsonArgument } from '../read-json.js';

interface RunFlags extends DiscoveryFlags {
  credential?: string;
  input?: string;
  timeout?: string;
  saveFiles?: string;
}

export function registerRunCommand(program: Command, io: CliIo): void {
  program
    .command('run <node>')
    .description(
      'Run one node, e.g. knotwork run slack.sendMessage --credential my-slack --input \'{"channel":"C123","text":"hi"}\'',
    )
    .option('-c, --credential <name>', 'a saved credential, by name or id')
    .option('-i, --input <json>', 'the node input: JSON, @file.json, or - for standard input', '{}')
    .option('--timeout <ms>', 'give up after this many milliseconds')
    .option('--save-files <folder>', 'write files (binary output) into this folder')
    .option('--dir <folder...>', 'look in these folders’ node_modules instead of the current one')
    .action(async (nodeKey: string, flags: RunFlags) => {
      const input = await readJsonArgument(flags.input ?? '{}', '--input', io.cwd, stdinOf(io));
      const workspace = await openWorkspace(io, flags, {
        credentials: flags.credential !== undefined,
      });
      try {
        const output = await workspace.host.execute(nodeKey, input, {
          ...(flags.credential ? { credential: flags.credential } : {}),
          ...(flags.timeout ? { timeoutMs: Number(flags.timeout) } : {}),
          logSink: (record) => {
            if (record.level === 'warn' || record.level === 'error') {
              io.stderr(`${record.level}: ${record.message}\n`);
            }
          },
        });
        printJson(
          io,
          await describeFiles(
            output,
            flags.saveFiles ? resolve(io.cwd, flags.saveFiles) : undefined,
          ),
        );
      } finally {
        await workspace.close();
      }
    });
}

function stdinOf(io: CliIo) {
  return io.stdin ?? (async () => '');
}

/** Files are shown by name, type and size (bytes are no use in a terminal), and saved on request. */
async function describeFiles(value: unknown, folder: string | undefined): Promise<unknown> {
  if (isBinaryData(value)) {
    const bytes = await readBinary(value);
    const summary: Record<string, unknown> = {
      file: value.fileName,
      mimeType: value.mimeType,
      size: bytes.byteLength,
    };
    if (folder) {
      await mkdir(folder, { recursive: true });
      const path = join(folder, value.fileName.replace(/[/\\]/g, '_'));
      await writeFile(path, bytes);
      summary.savedTo = path;
    }
    return summary;
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => describeFiles(item, folder)));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([key, item]) => [key, await describeFiles(item, folder)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
  return value;
}
