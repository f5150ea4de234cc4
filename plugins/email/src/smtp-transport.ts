import type { NodeContext, ResolvedCredential } from '@knotwork/sdk';
import nodemailer, { type SMTPPoolOptions } from 'nodemailer';
import type { SmtpData } from './credentials.js';

export type SmtpContext = NodeContext<ResolvedCredential<'smtp', SmtpData>>;

const DEFAULT_PORTS = { tls: 465, starttls: 587, none: 25 } as const;

/** nodemailer's options for a credential: security as the user chose it, nothing guessed. */
export function smtpOptions(data: SmtpData): SMTPPoolOptions {
  return {
    host: data.host,
    port: data.port ?? DEFAULT_PORTS[data.security],
    // tls: TLS from the first byte. starttls: plain, then upgraded, and failing when the
    // server cannot upgrade rather than sending the password in the clear. none: never TLS.
    secure: data.security === 'tls',
    requireTLS: data.security === 'starttls',
    ignoreTLS: data.security === 'none',
    auth: { user: data.user, pass: data.password },
    tls: { rejectUnauthorized: !data.allowSelfSigned },
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    // nodemailer logs nothing unless given a logger; its debug output would hold the AUTH exchange.
    logger: false,
    debug: false,
  };
}

/**
 * The credential's pooled transport, shared by every run with it: one SMTP login serves
 * many messages. `maxRequeues: 0` because the pool would otherwise resend a message whose
 * connection dropped mid-send, possibly delivering it twice; knotwork's own retry repeats
 * only steps that cannot have delivered anything.
 */
export function pooledTransport(ctx: SmtpContext) {
  return ctx.connections.get(
    'smtp-transport',
    () =>
      nodemailer.createTransport({
        ...smtpOptions(ctx.credential.data),
        pool: true,
        maxConnections: 3,
        maxRequeues: 0,
      }),
    (transport) => transport.close(),
  );
}
