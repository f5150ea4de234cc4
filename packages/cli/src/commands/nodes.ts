import type { ManifestNode } from '@knotwork/sdk';
import type { Command } from 'commander';
import { type CliIo, printJson } from '../io.js';
import { type DiscoveryFlags, openHost, reportProblems } from '../open-host.js';
import { formatTable } from '../table.js';

export function registerNodeCommands(program: Command, io: CliIo): void {
  const nodes = program
    .command('nodes')
    .description('Nodes (actions and triggers) of the installed plugins');
  nodes
    .command('list')
    .description('List every node of every installed plugin')
    .option('--json', 'print JSON')
    .option('--plugin <name>', 'only this plugin’s nodes')
    .option('--dir <folder...>', 'look in these folders’ node_modules instead of the current one')
    .action(async (flags: DiscoveryFlags & { json?: boolean; plugin?: string }) => {
      const host = await openHost(io, flags);
      const list = host
        .nodes()
        .filter((node) => !flags.plugin || node.key.startsWith(`${flags.plugin}.`));
      if (flags.json) {
        printJson(
          io,
          list.map(({ input: _input, output: _output, ...summary }) => summary),
        );
        return;
      }
      reportProblems(io, host);
      io.stdout(
        `${formatTable(
          ['NODE', 'KIND', 'CREDENTIAL', 'DESCRIPTION'],
          list.map((node) => [
            node.key,
            kindLabel(node),
            node.credential?.types.join(' | ') ?? '-',
            node.description,
          ]),
        )}\n\n${list.length} node${list.length === 1 ? '' : 's'}\n`,
      );
    });

  nodes
    .command('describe <key>')
    .description(
      'Show a node’s fields, credential and output, e.g. `knotwork nodes describe slack.sendMessage`',
    )
    .option('--json', 'print the node’s manifest entry (JSON Schemas included)')
    .option('--dir <folder...>', 'look in these folders’ node_modules instead of the current one')
    .action(async (key: string, flags: DiscoveryFlags & { json?: boolean }) => {
      const host = await openHost(io, flags);
      const node = host.node(key);
      if (flags.json) {
        printJson(io, node);
        return;
      }
      io.stdout(`${describeNode(node)}\n`);
    });
}

function kindLabel(node: ManifestNode): string {
  return node.trigger ? `trigger (${node.trigger.type})` : node.kind;
}

interface PropertySchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  'x-knotwork'?: { field?: string; secret?: boolean };
  anyOf?: PropertySchema[];
}

function fieldRows(schema: Record<string, unknown>): string[][] {
  const properties = (schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => [
    name,
    typeLabel(property),
    required.has(name) ? 'yes' : 'no',
    [property.title, property.description].filter(Boolean).join(' — ') +
      (property.default === undefined ? '' : ` (default ${JSON.stringify(property.default)})`),
  ]);
}

function typeLabel(property: PropertySchema): string {
  const hinted = property['x-knotwork']?.field;
  if (hinted && hinted !== 'string') return hinted;
  if (property.enum) return property.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (property.type)
    return Array.isArray(property.type) ? property.type.join(' | ') : property.type;
  if (property.anyOf) return property.anyOf.map(typeLabel).join(' | ');
  return 'any';
}

function describeNode(node: ManifestNode): string {
  const parts = [
    `${node.displayName} (${node.key})`,
    node.description,
    '',
    `Kind:        ${kindLabel(node)}`,
    `Credential:  ${
      node.credential
        ? `${node.credential.types.join(' | ')}${node.credential.required ? '' : ' (optional)'}`
        : 'none'
    }`,
    '',
    'Input',
    formatTable(['FIELD', 'TYPE', 'REQUIRED', 'ABOUT'], fieldRows(node.input)),
    '',
    'Output',
    formatTable(['FIELD', 'TYPE', 'REQUIRED', 'ABOUT'], fieldRows(node.output)),
  ];
  if (node.docsUrl) parts.push('', `Docs: ${node.docsUrl}`);
  return parts.join('\n');
}
