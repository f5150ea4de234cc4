import {
  CredentialsManager,
  type CredentialTypes,
  credentialResolver,
  credentialTypesFromHost,
  OAuthConnections,
} from '@knotwork/credentials';
import { createHost, type Host } from '@knotwork/host';

/** What the studio works on: the installed plugins and the saved credentials. */
export interface StudioWorkspace {
  host: Host;
  manager: CredentialsManager;
  connections: OAuthConnections;
  types: CredentialTypes;
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  /** Folders whose node_modules hold plugins. */
  dirs: string[];
  /** KNOTWORK_HOME, KNOTWORK_MASTER_KEY, KNOTWORK_DATABASE_URL… (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Skipped plugins and key-file notes go here. */
  warn?: (message: string) => void;
}

/**
 * The host with its plugins and the credentials manager wired in as the host's credential
 * resolver, so a playground run names a saved credential by id and gets it decrypted,
 * with a fresh OAuth token.
 */
export async function openStudioWorkspace(options: OpenWorkspaceOptions): Promise<StudioWorkspace> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  let resolver: ReturnType<typeof credentialResolver> | undefined;
  const host = await createHost({
    dirs: options.dirs,
    // Bound late: the resolver needs the manager, which needs the host's credential types.
    credentialResolver: (reference) => {
      if (!resolver) throw new Error('credentials are not open');
      return resolver(reference);
    },
  });
  for (const problem of host.problems()) {
    warn(`skipped ${problem.package}: ${problem.problem} (${problem.path})`);
  }
  const types = credentialTypesFromHost(host);
  let manager: CredentialsManager;
  try {
    manager = await CredentialsManager.open({
      types,
      ...(options.env ? { env: options.env } : {}),
      warn,
    });
  } catch (error) {
    await host.close();
    throw error;
  }
  const connections = new OAuthConnections(manager, types);
  resolver = credentialResolver(manager, connections);
  return {
    host,
    manager,
    connections,
    types,
    close: async () => {
      await host.close();
      await manager.close();
    },
  };
}
