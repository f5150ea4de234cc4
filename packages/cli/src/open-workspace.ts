import { resolve } from 'node:path';
import {
  CredentialsManager,
  credentialResolver,
  credentialTypesFromHost,
  OAuthConnections,
} from '@knotwork/credentials';
import { createHost, type Host } from '@knotwork/host';
import type { CliIo } from './io.js';
import { type DiscoveryFlags, pluginDirs, reportProblems } from './open-host.js';

export interface Workspace {
  host: Host;
  manager?: CredentialsManager;
  connections?: OAuthConnections;
  close(): Promise<void>;
}

/**
 * The host with its plugins and, when asked for, the credentials manager wired in as the
 * host's credential resolver: `--credential my-slack` resolves through it.
 */
export async function openWorkspace(
  io: CliIo,
  flags: DiscoveryFlags,
  wanted: { credentials: boolean },
): Promise<
  (Workspace & { manager: CredentialsManager; connections: OAuthConnections }) | Workspace
> {
  let resolver: ReturnType<typeof credentialResolver> | undefined;
  const host = await createHost({
    dirs: pluginDirs(io, flags).map((dir) => resolve(io.cwd, dir)),
    credentialResolver: (reference) => {
      if (!resolver) throw new Error('credentials are not open');
      return resolver(reference);
    },
  });
  reportProblems(io, host);
  if (!wanted.credentials) return { host, close: () => host.close() };
  const types = credentialTypesFromHost(host);
  const manager = await CredentialsManager.open({
    types,
    env: io.env,
    warn: (message) => io.stderr(`warning: ${message}\n`),
  });
  const connections = new OAuthConnections(manager, types);
  resolver = credentialResolver(manager, connections);
  return {
    host,
    manager,
    connections,
    close: async () => {
      await host.close();
      await manager.close();
    },
  };
}

/** Narrowing for commands that opened credentials. */
export async function openCredentialWorkspace(io: CliIo, flags: DiscoveryFlags) {
  const workspace = await openWorkspace(io, flags, { credentials: true });
  if (!workspace.manager || !workspace.connections) throw new Error('credentials did not open');
  return workspace as Required<Workspace>;
}
