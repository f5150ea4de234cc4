import type { CredentialSummary } from '@knotwork/credentials';
import { IntegrationError, type ManifestCredential } from '@knotwork/sdk';
import type { Command } from 'commander';
import { ExitWith } from '../exit-code.js';
import { type CliIo, printJson } from '../io.js';
import { startCallbackServer } from '../oauth-callback-server.js';
import { openBrowser } from '../open-browser.js';
import type { DiscoveryFlags } from '../open-host.js';
import { openCredentialWorkspace } from '../open-workspace.js';
import { promptForCredential } from '../prompt-for-credential.js';
import { readJsonArgument } from '../read-json.js';
import { formatTable } from '../table.js';

interface DataFlags extends DiscoveryFlags {
  name?: string;
  data?: string;
}

const CALLBACK_TIMEOUT_MS = 5 * 60_000;

export function registerCredentialCommands(program: Command, io: CliIo): void {
  const credentials = program
    .command('credentials')
    .description('Saved credentials: encrypted at rest, master key in the OS keyring');

  credentials
    .command('add <type>')
    .description('Save a credential, e.g. knotwork credentials add slack.botToken --name my-slack')
    .option('-n, --name <name>', 'a name to pick it by (asked when missing)')
    .option('--data <json>', 'the fields as JSON, @file.json, or - for standard input (scripts)')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (type: string, flags: DataFlags) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const manifest = workspace.host.credentialType(type);
        if (manifest.kind === 'oauth2') {
          io.stderr(
            `note: ${type} is OAuth2: after saving, connect it with \`knotwork credentials connect ${type} --name <name>\`\n`,
          );
        }
        const name = flags.name ?? (await askName(io, manifest));
        const data = await dataFor(io, manifest, flags.data);
        const saved = await workspace.manager.saveCredential({ name, type, data });
        io.stdout(`Saved ${saved.name} (${saved.type}, id ${saved.id}).\n`);
        if (manifest.kind !== 'oauth2') {
          const result = await workspace.manager.testCredential(saved.id);
          io.stdout(testLine(result));
        }
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('list')
    .description('List saved credentials (never shows a secret)')
    .option('--json', 'print JSON')
    .option('--type <type>', 'only this credential type')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (flags: DiscoveryFlags & { json?: boolean; type?: string }) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const list = await workspace.manager.listCredentials(
          flags.type ? { type: flags.type } : {},
        );
        if (flags.json) {
          printJson(io, list);
          return;
        }
        if (list.length === 0) {
          io.stdout(
            'No credentials saved yet. Add one: knotwork credentials add <type> (see `knotwork plugins list`).\n',
          );
          return;
        }
        io.stdout(
          `${formatTable(
            ['NAME', 'TYPE', 'STATUS', 'LAST USED', 'CREATED'],
            list.map((credential) => [
              credential.name,
              credential.type,
              statusOf(credential),
              credential.lastUsedAt ?? 'never',
              credential.createdAt,
            ]),
          )}\n`,
        );
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('test <name>')
    .description('Run the credential’s "Test connection" against its service')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (name: string, flags: DiscoveryFlags) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const credential = await workspace.manager.getCredential(name);
        if (credential.summary.kind === 'oauth2' && credential.summary.isValid) {
          // Test with a token that is good now, as a run would.
          await workspace.connections.freshTokens(credential);
        }
        const result = await workspace.manager.testCredential(credential.summary.id);
        io.stdout(testLine(result));
        if (!result.ok) throw new ExitWith(1);
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('delete <name>')
    .description('Delete a credential, revoking its OAuth tokens where the provider allows')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (name: string, flags: DiscoveryFlags & { yes?: boolean }) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const credential = await workspace.manager.getCredential(name);
        if (!flags.yes) {
          if (!io.interactive || !io.prompter) {
            throw new IntegrationError({
              service: 'knotwork',
              code: 'confirmation_required',
              message: `Deleting ${credential.summary.name} needs confirmation`,
              hint: 'Pass --yes to delete without asking.',
            });
          }
          const sure = await io.prompter.confirm({
            message: `Delete ${credential.summary.name} (${credential.summary.type})? Nodes using it will fail.`,
            default: false,
          });
          if (!sure) {
            io.stdout('Kept.\n');
            return;
          }
        }
        const deleted = await workspace.manager.deleteCredential(credential.summary.id, {
          ...(credential.summary.kind === 'oauth2' && credential.tokens
            ? { revoke: workspace.connections.revoker(credential) }
            : {}),
        });
        io.stdout(
          `Deleted ${deleted.name}.${
            deleted.revoked === true
              ? ' Its tokens were revoked at the provider.'
              : deleted.revoked === false
                ? ` Its tokens could not be revoked${deleted.revocationError ? ` (${deleted.revocationError})` : ''}: remove the app's access in the provider's settings.`
                : ''
          }\n`,
        );
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('connect <type>')
    .description(
      'Connect an OAuth2 credential: sign in at the provider, tokens are stored encrypted',
    )
    .option('-n, --name <name>', 'a name to pick it by (asked when missing)')
    .option('--data <json>', 'client id, secret and other fields as JSON, @file.json, or -')
    .option(
      '--port <port>',
      'loopback port for the callback (register http://127.0.0.1:<port>/oauth/callback)',
      '53682',
    )
    .option('--no-open', 'print the URL instead of opening a browser')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (type: string, flags: DataFlags & { port: string; open: boolean }) => {
      const workspace = await openCredentialWorkspace(io, flags);
      const callback = await startCallbackServer(Number(flags.port));
      try {
        const manifest = workspace.host.credentialType(type);
        if (manifest.kind !== 'oauth2') {
          throw new IntegrationError({
            service: 'knotwork',
            code: 'not_oauth',
            message: `${type} is not an OAuth2 credential type`,
            hint: `Save it with \`knotwork credentials add ${type}\` instead.`,
          });
        }
        const name = flags.name ?? (await askName(io, manifest));
        const data = await dataFor(io, manifest, flags.data);
        const started = await workspace.connections.start({
          name,
          type,
          data,
          redirectUri: callback.redirectUri,
        });
        io.stdout(
          `Redirect URL (register it with your OAuth app): ${callback.redirectUri}\nOpen this URL to approve access:\n\n  ${started.url}\n\nWaiting for the provider…\n`,
        );
        if (flags.open) openBrowser(started.url);
        const callbackUrl = await callback.waitForCallback(CALLBACK_TIMEOUT_MS);
        const completed = await workspace.connections.complete(started.credential.id, callbackUrl);
        io.stdout(
          `Connected ${started.credential.name}${
            completed.tokens.expiresAt
              ? ` (token valid until ${new Date(completed.tokens.expiresAt).toISOString()})`
              : ''
          }.\n`,
        );
        if (completed.warning) io.stderr(`warning: ${completed.warning}\n`);
      } finally {
        await callback.close();
        await workspace.close();
      }
    });

  credentials
    .command('rotate-key')
    .description(
      'Generate a new master key and re-encrypt every credential under it, in one transaction',
    )
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (flags: DiscoveryFlags) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const rotation = await workspace.manager.rotateKey();
        printJson(io, rotation);
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('export-key')
    .description('Print the master key(s) for backup or moving to another machine — keep it secret')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (flags: DiscoveryFlags) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        io.stderr(
          'warning: anyone with this text can decrypt your credentials; store it like a password.\n',
        );
        io.stdout(`${await workspace.manager.exportKey()}\n`);
      } finally {
        await workspace.close();
      }
    });

  credentials
    .command('import-key [text]')
    .description('Add master key(s) from `export-key` (argument, or standard input)')
    .option('--dir <folder...>', 'look in these folders’ node_modules for plugins')
    .action(async (text: string | undefined, flags: DiscoveryFlags) => {
      const workspace = await openCredentialWorkspace(io, flags);
      try {
        const exported = text ?? (await (io.stdin ?? (async () => ''))());
        printJson(io, await workspace.manager.importKey(exported.trim()));
      } finally {
        await workspace.close();
      }
    });
}

async function askName(io: CliIo, manifest: ManifestCredential): Promise<string> {
  if (!io.interactive || !io.prompter) {
    throw new IntegrationError({
      service: 'knotwork',
      code: 'invalid_input',
      message: 'No --name given',
      hint: `Pass --name, e.g. --name my-${manifest.type.split('.')[0]}.`,
      fields: [{ path: 'name', message: 'Required' }],
    });
  }
  return io.prompter.input({ message: 'Name for this credential', required: true });
}

/** Fields from --data (scripts), or asked one by one at a terminal, secrets hidden. */
async function dataFor(io: CliIo, manifest: ManifestCredential, flag: string | undefined) {
  if (flag !== undefined) {
    const data = await readJsonArgument(flag, '--data', io.cwd, io.stdin ?? (async () => ''));
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new IntegrationError({
        service: 'knotwork',
        code: 'invalid_input',
        message: '--data must be a JSON object of the credential’s fields',
        hint: `See the fields with \`knotwork plugins list --json\`; e.g. --data '{"token":"…"}'.`,
      });
    }
    return data as Record<string, unknown>;
  }
  if (!io.interactive || !io.prompter) {
    throw new IntegrationError({
      service: 'knotwork',
      code: 'invalid_input',
      message: 'No --data given and no terminal to ask at',
      hint: "Pass the fields as JSON: --data '{...}', --data @file.json, or --data - to read standard input.",
    });
  }
  io.stdout(`${manifest.displayName}${manifest.description ? ` — ${manifest.description}` : ''}\n`);
  return promptForCredential(manifest, io.prompter);
}

function statusOf(credential: CredentialSummary): string {
  if (!credential.isValid) return 'failing';
  if (credential.kind === 'oauth2') {
    if (!credential.oauth?.connected) return 'not connected';
    if (
      credential.oauth.expiresAt &&
      Date.parse(credential.oauth.expiresAt) < Date.now() &&
      !credential.oauth.hasRefreshToken
    ) {
      return 'expired';
    }
    return 'connected';
  }
  return credential.lastTestedAt ? 'ok' : 'untested';
}

function testLine(result: { ok: boolean; message: string; hint?: string }): string {
  return result.ok
    ? `✔ ${result.message}\n`
    : `✘ ${result.message}${result.hint ? `\n  Hint: ${result.hint}` : ''}\n`;
}
