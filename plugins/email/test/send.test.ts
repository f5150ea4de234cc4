import { createServer, type Server, type Socket } from 'node:net';
import { binaryFrom } from '@knotwork/sdk';
import { assertNoCanary, runNode } from '@knotwork/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { type SmtpTestServer, startSmtpServer, TEST_USER } from './smtp-server.js';
import {
  canaryPassword,
  closePools,
  fixtureBytes,
  retryWarnings,
  saslPlain,
  smtpCredential,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const password = canaryPassword();
let server: SmtpTestServer;

beforeAll(async () => {
  server = await startSmtpServer({ password });
});
afterAll(async () => {
  await closePools();
  await server.close();
});
beforeEach(() => server.reset());

const credential = (data: Record<string, unknown> = {}) =>
  smtpCredential({ port: server.port, user: TEST_USER, password, ...data });

interface SendOutput {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

describe('Send', () => {
  test('delivers subject, text, HTML and attachments from earlier nodes to to, cc and bcc', async () => {
    const pdf = binaryFrom(fixtureBytes('invoice.pdf'), {
      fileName: 'invoice.pdf',
      mimeType: 'application/pdf',
    });
    const png = binaryFrom(fixtureBytes('pixel.png'), {
      fileName: 'pixel.png',
      mimeType: 'image/png',
    });

    const run = await runNode<SendOutput>(
      plugin,
      'send',
      {
        to: 'Ann <ann@example.com>',
        cc: ['carl@example.com'],
        bcc: 'dora@example.com',
        replyTo: 'help@example.com',
        subject: 'Invoice 2024-001 ✓',
        text: 'Your invoice is attached.',
        html: '<p>Your invoice is <b>attached</b>.</p>',
        attachments: [{ file: pdf, fileName: 'invoice-2024-001.pdf' }, { file: png }],
      },
      { credential: credential() },
    );

    expect(run.error).toBeUndefined();
    expect(server.logins).toEqual([TEST_USER]);
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.from).toBe(TEST_USER);
    expect(mail.to).toEqual(['ann@example.com', 'carl@example.com', 'dora@example.com']);
    expect(mail.parsed.subject).toBe('Invoice 2024-001 ✓');
    expect(mail.parsed.text?.trim()).toBe('Your invoice is attached.');
    expect(mail.parsed.html).toBe('<p>Your invoice is <b>attached</b>.</p>');
    expect(mail.parsed.replyTo?.text).toBe('help@example.com');
    // Bcc is in the envelope only, never in the headers others see.
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.raw.toString()).not.toContain('dora@example.com');
    expect(
      mail.parsed.attachments.map((attachment) => [
        attachment.filename,
        attachment.contentType,
        attachment.size,
      ]),
    ).toEqual([
      ['invoice-2024-001.pdf', 'application/pdf', fixtureBytes('invoice.pdf').length],
      ['pixel.png', 'image/png', fixtureBytes('pixel.png').length],
    ]);
    expect(
      Buffer.compare(mail.parsed.attachments[0]!.content, Buffer.from(fixtureBytes('invoice.pdf'))),
    ).toBe(0);
    expect(
      Buffer.compare(mail.parsed.attachments[1]!.content, Buffer.from(fixtureBytes('pixel.png'))),
    ).toBe(0);
    expect(run.output).toEqual({
      messageId: mail.parsed.messageId,
      accepted: ['ann@example.com', 'carl@example.com', 'dora@example.com'],
      rejected: [],
      response: '250 2.0.0 Ok: queued as K1',
    });
    assertNoCanary(password, { logs: run.logs, output: run.output });
  });

  test("sends from the credential's default sender, or from the input's", async () => {
    const fromCredential = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'a', text: 'a' },
      { credential: credential({ from: 'Reports <reports@example.com>' }) },
    );
    const fromInput = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'b', text: 'b', from: 'alerts@example.com' },
      { credential: credential({ from: 'Reports <reports@example.com>' }) },
    );

    expect(fromCredential.error).toBeUndefined();
    expect(fromInput.error).toBeUndefined();
    expect(server.received.map((mail) => mail.parsed.from?.text)).toEqual([
      '"Reports" <reports@example.com>',
      'alerts@example.com',
    ]);
  });

  test('signs in once and reuses the connection for the next messages of the same credential', async () => {
    const shared = credential();
    for (const subject of ['one', 'two', 'three']) {
      const run = await runNode(
        plugin,
        'send',
        { to: 'ann@example.com', subject, text: subject },
        { credential: shared },
      );
      expect(run.error).toBeUndefined();
    }

    expect(server.received.map((mail) => mail.parsed.subject)).toEqual(['one', 'two', 'three']);
    expect(server.logins).toEqual([TEST_USER]);
  });

  test('reports recipients the server refused while the others still get the message', async () => {
    server.reject(
      'RCPT TO',
      550,
      '5.1.1 The email account that you tried to reach does not exist',
      1,
      (address) => address === 'gone@example.com',
    );

    const run = await runNode<SendOutput>(
      plugin,
      'send',
      { to: ['ann@example.com', 'gone@example.com'], subject: 'Hi', text: 'Hi' },
      { credential: credential() },
    );

    expect(run.output?.accepted).toEqual(['ann@example.com']);
    expect(run.output?.rejected).toEqual(['gone@example.com']);
    expect(server.received[0]?.to).toEqual(['ann@example.com']);
    expect(
      run.logs.some(
        (record) => record.level === 'warn' && /refused 1 recipient/.test(record.message),
      ),
    ).toBe(true);
  });

  test('waits and tries again when the server says "try again later", then delivers once', async () => {
    server.reject('MAIL FROM', 421, '4.7.0 Try again later, closing connection.', 1);

    const run = await runNode<SendOutput>(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'Patience', text: 'x' },
      { credential: credential() },
    );

    expect(run.error).toBeUndefined();
    expect(retryWarnings(run.logs)).toEqual(['Retrying SMTP send after rate_limited']);
    // At least a second once the server asked to slow down (recorded by the kit, not slept).
    expect(run.retryDelays).toHaveLength(1);
    expect(run.retryDelays[0]).toBeGreaterThanOrEqual(1000);
    expect(server.received.map((mail) => mail.parsed.subject)).toEqual(['Patience']);
  });

  test('retries a 451 refusal of the message body, since the server did not take it', async () => {
    server.reject('DATA', 451, '4.3.0 Mail server temporarily rejected message.', 1);

    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'Body again', text: 'x' },
      { credential: credential() },
    );

    expect(run.error).toBeUndefined();
    expect(retryWarnings(run.logs)).toEqual(['Retrying SMTP send after temporarily_rejected']);
    expect(run.retryDelays).toHaveLength(1);
    expect(server.received).toHaveLength(1);
  });

  test('gives up after three attempts when the limit lasts, and says so', async () => {
    server.reject(
      'MAIL FROM',
      450,
      '4.2.1 The user you are trying to contact is receiving mail too quickly.',
      5,
    );

    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential() },
    );

    expect(run.error).toMatchObject({ service: 'email', code: 'rate_limited', retryable: true });
    expect(run.error?.details).toMatchObject({
      smtpCode: 450,
      enhancedCode: '4.2.1',
      command: 'MAIL FROM',
    });
    expect(run.error?.hint).toMatch(/limiting how fast/);
    expect(run.retryDelays).toHaveLength(2);
    expect(Math.min(...run.retryDelays)).toBeGreaterThanOrEqual(1000);
    expect(retryWarnings(run.logs)).toHaveLength(2);
    expect(server.received).toEqual([]);
  });

  test('does not retry a daily quota refusal', async () => {
    server.reject('MAIL FROM', 550, '5.4.5 Daily user sending limit exceeded.', 1);

    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential() },
    );

    expect(run.error).toMatchObject({ code: 'quota_exceeded', retryable: false });
    expect(run.error?.hint).toMatch(/sending limit/);
    expect(run.retryDelays).toEqual([]);
  });

  test('reports a message too large for the server', async () => {
    server.reject('DATA', 552, '5.3.4 Message size exceeds fixed maximum message size', 1);

    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'big', text: 'x' },
      { credential: credential() },
    );

    expect(run.error).toMatchObject({ code: 'message_too_large', retryable: false });
  });

  test('says the password is wrong (and how app passwords fit in) without showing it', async () => {
    const wrong = canaryPassword();

    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential({ password: wrong }) },
    );

    expect(run.error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(run.error?.hint).toMatch(/app password/);
    expect(run.error?.details).toMatchObject({ smtpCode: 535, driverCode: 'EAUTH' });
    expect(run.retryDelays).toEqual([]);
    assertNoCanary(wrong, { logs: run.logs, error: run.error });
    assertNoCanary(saslPlain(TEST_USER, wrong), { logs: run.logs, error: run.error });
  });

  test('does not resend when the connection drops after the body went out', async () => {
    const silent = await startSilentSmtp();
    try {
      const run = await runNode(
        plugin,
        'send',
        { to: 'ann@example.com', subject: 'x', text: 'x' },
        { credential: credential({ port: silent.port }) },
      );

      expect(run.error).toMatchObject({ code: 'connection_lost', retryable: false });
      expect(run.error?.hint).toMatch(/may or may not have accepted/);
      expect(run.retryDelays).toEqual([]);
      expect(silent.bodiesReceived()).toBe(1);
    } finally {
      await silent.close();
    }
  });

  test('retries a refused connection, then names host and port', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential({ port: 9 }) },
    );

    expect(run.error).toMatchObject({ code: 'connection_refused', retryable: true });
    expect(run.error?.hint).toMatch(/host and port/);
    expect(run.retryDelays).toHaveLength(2);
  });

  test.each([
    [{ to: 'bob@', subject: 's', text: 't' }, ['to']],
    [
      {
        to: 'ann@example.com',
        cc: ['carl@example.com', 'not an address'],
        subject: 's',
        text: 't',
      },
      ['cc.1'],
    ],
    [{ subject: 's', text: 't' }, ['to']],
    [{ to: 'ann@example.com', subject: 's' }, ['text', 'html']],
    [
      { to: 'ann@example.com', subject: 's', text: 't', attachments: [{ file: 'just a string' }] },
      ['attachments.0.file'],
    ],
    [{ to: 'ann@example.com', subject: 's', text: 't', from: 'me' }, ['from']],
    [
      { to: 'ann@example.com', subject: 's', text: 't', from: 'a@example.com, b@example.com' },
      ['from'],
    ],
  ])('names the bad field (%#)', async (input, paths) => {
    const run = await runNode(plugin, 'send', input, { credential: credential() });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(paths);
    expect(server.received).toEqual([]);
  });

  test('asks for a sender when neither the input nor the credential gives one', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 's', text: 't' },
      { credential: credential({ user: 'sender-without-domain' }) },
    );

    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['from']);
  });
});

describe('Send over TLS', () => {
  let tlsServer: SmtpTestServer;
  let startTlsServer: SmtpTestServer;
  beforeAll(async () => {
    tlsServer = await startSmtpServer({ password, tls: 'implicit' });
    startTlsServer = await startSmtpServer({ password, tls: 'starttls' });
  });
  afterAll(async () => {
    await tlsServer.close();
    await startTlsServer.close();
  });

  test('refuses a self-signed certificate and points at the allowSelfSigned option', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential({ port: tlsServer.port, security: 'tls' }) },
    );

    expect(run.error?.code).toBe('untrusted_certificate');
    expect(run.error?.hint).toMatch(/Allow self-signed certificate/);
    expect(tlsServer.received).toEqual([]);
  });

  test('sends over implicit TLS when the self-signed certificate is allowed', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'over tls', text: 'x' },
      { credential: credential({ port: tlsServer.port, security: 'tls', allowSelfSigned: true }) },
    );

    expect(run.error).toBeUndefined();
    expect(tlsServer.received.map((mail) => mail.parsed.subject)).toEqual(['over tls']);
  });

  test('upgrades with STARTTLS before signing in', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'upgraded', text: 'x' },
      {
        credential: credential({
          port: startTlsServer.port,
          security: 'starttls',
          allowSelfSigned: true,
        }),
      },
    );

    expect(run.error).toBeUndefined();
    expect(startTlsServer.received.map((mail) => mail.parsed.subject)).toEqual(['upgraded']);
  });

  test('refuses to send the password in the clear when the server offers no STARTTLS', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential({ security: 'starttls' }) },
    );

    expect(run.error?.code).toBe('starttls_unsupported');
    expect(server.logins).toEqual([]);
  });

  test('says the TLS setting does not fit when TLS meets a plain-text port', async () => {
    const run = await runNode(
      plugin,
      'send',
      { to: 'ann@example.com', subject: 'x', text: 'x' },
      { credential: credential({ security: 'tls' }) },
    );

    expect(run.error?.code).toBe('tls_mismatch');
    expect(run.error?.hint).toMatch(/465/);
  });
});

/**
 * An SMTP server that takes the message body and then hangs up without answering: the
 * sender cannot know whether it was accepted. smtp-server always answers, so this one
 * speaks the few lines itself.
 */
async function startSilentSmtp() {
  let bodies = 0;
  const sockets = new Set<Socket>();
  const tcp: Server = createServer((socket) => {
    sockets.add(socket);
    let inData = false;
    let buffer = '';
    socket.write('220 silent.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let newline = buffer.indexOf('\r\n');
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (inData) {
          if (line === '.') {
            bodies++;
            socket.destroy();
            return;
          }
        } else if (/^EHLO/i.test(line)) socket.write('250-silent.test\r\n250 AUTH PLAIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write('235 2.7.0 Accepted\r\n');
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 2.1.0 Ok\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 Bye\r\n');
        else socket.write('250 Ok\r\n');
        newline = buffer.indexOf('\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    bodiesReceived: () => bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}
