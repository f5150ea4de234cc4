import { assertNoCanary, testCredential } from '@knotwork/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { startDovecotOrSkip } from './dovecot.js';
import { type SmtpTestServer, startSmtpServer, TEST_USER } from './smtp-server.js';
import { canaryPassword, useClosedNetwork } from './support.js';

useClosedNetwork();

describe('SMTP test connection', () => {
  const password = canaryPassword();
  let plain: SmtpTestServer;
  let implicitTls: SmtpTestServer;
  beforeAll(async () => {
    plain = await startSmtpServer({ password });
    implicitTls = await startSmtpServer({ password, tls: 'implicit' });
  });
  afterAll(async () => {
    await plain.close();
    await implicitTls.close();
  });

  const data = (overrides: Record<string, unknown>) => ({
    host: '127.0.0.1',
    port: plain.port,
    security: 'none',
    user: TEST_USER,
    password,
    ...overrides,
  });

  test('signs in and sends nothing', async () => {
    const result = await testCredential(plugin, { key: 'smtp', data: data({}) });

    expect(result).toMatchObject({
      ok: true,
      message: `Signed in to 127.0.0.1 as ${TEST_USER} (unencrypted).`,
    });
    expect(plain.logins).toEqual([TEST_USER]);
    expect(plain.received).toEqual([]);
    assertNoCanary(password, { result });
  });

  test('says the password was refused and mentions app passwords, without showing it', async () => {
    const wrong = canaryPassword();

    const result = await testCredential(plugin, { key: 'smtp', data: data({ password: wrong }) });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/535/);
    expect(result.hint).toMatch(/app password/);
    assertNoCanary(wrong, { result, logs: result.logs });
  });

  test('points at host and port when nothing listens', async () => {
    const result = await testCredential(plugin, { key: 'smtp', data: data({ port: 9 }) });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ECONNREFUSED/);
    expect(result.hint).toMatch(/check the host and port/);
  });

  test('points at the self-signed option when the certificate is not trusted', async () => {
    const refused = await testCredential(plugin, {
      key: 'smtp',
      data: data({ port: implicitTls.port, security: 'tls' }),
    });
    const allowed = await testCredential(plugin, {
      key: 'smtp',
      data: data({ port: implicitTls.port, security: 'tls', allowSelfSigned: true }),
    });

    expect(refused.ok).toBe(false);
    expect(refused.hint).toMatch(/Allow self-signed certificate/);
    expect(allowed).toMatchObject({
      ok: true,
      message: `Signed in to 127.0.0.1 as ${TEST_USER} (TLS).`,
    });
  });

  test.each([
    [{ host: 'smtp://mail.example.com' }, 'host'],
    [{ from: 'Reports <reports@>' }, 'from'],
    [{ security: 'ssl' }, 'security'],
  ])('names the malformed field (%#)', async (overrides, name) => {
    plain.reset();
    const result = await testCredential(plugin, { key: 'smtp', data: data(overrides) });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(new RegExp(`\\b${name}\\b`));
    expect(plain.logins).toEqual([]);
  });
});

const dovecotPassword = canaryPassword();
const dovecot = await startDovecotOrSkip(dovecotPassword);
afterAll(() => dovecot?.stop());

/** The server, inside the tests that run only when it started. */
function running() {
  if (!dovecot) throw new Error('dovecot is not running');
  return dovecot;
}

describe.skipIf(!dovecot)('IMAP test connection (against dovecot)', () => {
  const data = (overrides: Record<string, unknown>) => ({
    host: '127.0.0.1',
    port: running().port,
    security: 'none',
    user: 'tester@example.com',
    password: dovecotPassword,
    ...overrides,
  });

  test('signs in, counts the mailboxes and logs out', async () => {
    await running().addUser('tester@example.com');

    const result = await testCredential(plugin, { key: 'imap', data: data({}) });

    expect(result).toMatchObject({
      ok: true,
      message: 'Signed in to 127.0.0.1 as tester@example.com: 1 mailbox.',
    });
    assertNoCanary(dovecotPassword, { result });
  });

  test('says the password was refused', async () => {
    const wrong = canaryPassword();

    const result = await testCredential(plugin, { key: 'imap', data: data({ password: wrong }) });

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Authentication failed/);
    expect(result.hint).toMatch(/user name or password/);
    assertNoCanary(wrong, { result, logs: result.logs });
  });

  test('refuses to sign in unencrypted when STARTTLS was asked for and is not offered', async () => {
    const result = await testCredential(plugin, {
      key: 'imap',
      data: data({ security: 'starttls' }),
    });

    expect(result.ok).toBe(false);
    expect(result.hint).toMatch(/does not offer STARTTLS/);
  });

  test('says the TLS setting does not fit when TLS meets a plain-text port', async () => {
    const result = await testCredential(plugin, { key: 'imap', data: data({ security: 'tls' }) });

    expect(result.ok).toBe(false);
    expect(result.hint).toMatch(/993/);
  });
});
