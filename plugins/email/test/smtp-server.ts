import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: Buffer;
  parsed: ParsedMail;
}

export const TEST_USER = 'sender@example.com';

/** The test certificate for localhost / 127.0.0.1, self-signed (see fixtures/SOURCES.md). */
export const selfSigned = {
  key: readFileSync(new URL('./fixtures/self-signed.key', import.meta.url)),
  cert: readFileSync(new URL('./fixtures/self-signed.crt', import.meta.url)),
};

/**
 * A real SMTP server in-process (smtp-server): it demands AUTH, checks the password,
 * and keeps every message it accepts, parsed. `reject` makes it answer a command with
 * an error reply the next `times` times, as a provider would.
 */
export async function startSmtpServer(options: {
  password: string;
  tls?: 'none' | 'starttls' | 'implicit';
}) {
  const received: ReceivedMail[] = [];
  const logins: string[] = [];
  const rejections: Array<{
    stage: 'MAIL FROM' | 'RCPT TO' | 'DATA';
    code: number;
    text: string;
    times: number;
    matches?: (address: string) => boolean;
  }> = [];
  const tls = options.tls ?? 'none';
  const refusal = (stage: 'MAIL FROM' | 'RCPT TO' | 'DATA', address = '') => {
    const rule = rejections.find(
      (candidate) =>
        candidate.stage === stage && candidate.times > 0 && (candidate.matches?.(address) ?? true),
    );
    if (!rule) return null;
    rule.times--;
    return Object.assign(new Error(rule.text), { responseCode: rule.code });
  };
  const serverOptions: SMTPServerOptions = {
    authOptional: false,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    // Pooled client connections stay open between tests; do not wait long for them on close.
    closeTimeout: 200,
    ...(tls === 'none' ? { disabledCommands: ['STARTTLS'] } : selfSigned),
    ...(tls === 'implicit' ? { secure: true } : {}),
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === TEST_USER && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        callback(
          Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
            responseCode: 535,
          }),
        );
      }
    },
    onMailFrom(_address, _session, callback) {
      callback(refusal('MAIL FROM'));
    },
    onRcptTo(address, _session, callback) {
      callback(refusal('RCPT TO', address.address));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const failure = refusal('DATA');
        if (failure) {
          callback(failure);
          return;
        }
        const raw = Buffer.concat(chunks);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          parsed: await simpleParser(raw),
        });
        callback(null, `2.0.0 Ok: queued as K${received.length}`);
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // A client that hangs up during a TLS handshake is expected in these tests.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    logins,
    reject(
      stage: 'MAIL FROM' | 'RCPT TO' | 'DATA',
      code: number,
      text: string,
      times = 1,
      matches?: (address: string) => boolean,
    ) {
      rejections.push({ stage, code, text, times, ...(matches ? { matches } : {}) });
    },
    /** Forgets what was received and any refusals still pending. */
    reset() {
      received.length = 0;
      logins.length = 0;
      rejections.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>;
