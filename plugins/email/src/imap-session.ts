import type { NodeContext, ResolvedCredential } from '@knotwork/sdk';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapData } from './credentials.js';

export type ImapContext = NodeContext<ResolvedCredential<'imap', ImapData>>;

const DEFAULT_PORTS = { tls: 993, starttls: 143, none: 143 } as const;

export function imapOptions(data: ImapData): ImapFlowOptions {
  return {
    host: data.host,
    port: data.port ?? DEFAULT_PORTS[data.security],
    secure: data.security === 'tls',
    // true: upgrade or fail, so the password never crosses in the clear; false: stay plain.
    // Left unset, imapflow would upgrade only when offered, which an attacker can suppress.
    doSTARTTLS: data.security === 'starttls' ? true : data.security === 'none' ? false : undefined,
    auth: { user: data.user, pass: data.password },
    tls: { rejectUnauthorized: !data.allowSelfSigned },
    // A pooled connection waits between runs instead of idling: IDLE would hold the mailbox
    // lock machinery busy for nothing.
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
    logger: false,
  };
}

/**
 * One logged-in IMAP connection per credential, shared by runs (imapflow's mailbox lock
 * serialises them) and replaced when the server has closed it. Servers cap connections per
 * user (Gmail: 15), so a workflow polling every minute should not log in every minute.
 */
export class ImapConnection {
  #client: ImapFlow | undefined;
  #connecting: Promise<ImapFlow> | undefined;

  constructor(private readonly data: ImapData) {}

  acquire(): Promise<ImapFlow> {
    if (this.#client?.usable) return Promise.resolve(this.#client);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /** Drops a connection whose state is unknown (timed out, cancelled mid-command). */
  discard(client: ImapFlow): void {
    if (this.#client === client) this.#client = undefined;
    client.close();
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client?.usable) return;
    try {
      await client.logout();
    } catch {
      client.close();
    }
  }

  async #connect(): Promise<ImapFlow> {
    const client = new ImapFlow(imapOptions(this.data));
    // Without a listener a socket error after connecting would crash the process; the
    // next acquire() sees `usable` false and connects again.
    client.on('error', () => {});
    await client.connect();
    this.#client = client;
    return client;
  }
}

export function pooledImapConnection(ctx: ImapContext): Promise<ImapConnection> {
  return ctx.connections.get(
    'imap-connection',
    () => new ImapConnection(ctx.credential.data),
    (connection) => connection.close(),
  );
}
