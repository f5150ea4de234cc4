import { runNode } from '@knotwork/testing';
import { ImapFlow } from 'imapflow';
import { afterAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { startDovecotOrSkip } from './dovecot.js';
import { plainMail } from './mail-fixtures.js';
import {
  canaryPassword,
  closePools,
  imapCredential,
  retryWarnings,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

// One connection per user and address: the way servers cap clients (Gmail allows 15),
// small enough for a test to hit. dovecot answers a second login with
// "NO [LIMIT] Maximum number of connections from user+IP exceeded" (RFC 5530 LIMIT).
const dovecot = await startDovecotOrSkip(canaryPassword(), { mail_max_userip_connections: 1 });
afterAll(async () => {
  await closePools();
  await dovecot?.stop();
});

const REFUSED = 'Maximum number of connections from user+IP exceeded';

async function userWithMail(user: string) {
  if (!dovecot) throw new Error('dovecot is not running');
  await dovecot.addUser(user);
  await dovecot.deliver(user, plainMail({ from: 'a@example.com', subject: 'Waiting for you' }));
  const holder = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: dovecot.password },
    logger: false,
  });
  holder.on('error', () => {});
  await holder.connect();
  return {
    holder,
    credential: imapCredential({ port: dovecot.port, user, password: dovecot.password }),
  };
}

async function refusals(): Promise<number> {
  return ((await dovecot?.log()) ?? '').split(REFUSED).length - 1;
}

describe.skipIf(!dovecot)('Read when the server limits connections', () => {
  test('waits, retries, and reads once another client lets go', async () => {
    const { holder, credential } = await userWithMail('busy@example.com');
    const before = await refusals();

    // Real waits here: the other client must let go while the node waits.
    const reading = runNode<{ count: number }>(plugin, 'read', {}, { credential, realSleep: true });
    // Let go as soon as dovecot has turned the node away, well before its retry.
    for (let wait = 0; wait < 100 && (await refusals()) === before; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.logout();
    const run = await reading;

    expect(run.error).toBeUndefined();
    expect(run.output?.count).toBe(1);
    expect(retryWarnings(run.logs)).toEqual(['Retrying IMAP read after rate_limited']);
    const warning = run.logs.find((record) => record.message.startsWith('Retrying'));
    expect(warning?.fields?.delayMs).toBeGreaterThanOrEqual(1000);
  });

  test('gives up as rate_limited, and retryable, when the limit lasts', async () => {
    const { holder, credential } = await userWithMail('crowded@example.com');
    try {
      const run = await runNode(plugin, 'read', {}, { credential });

      expect(run.error).toMatchObject({ service: 'email', code: 'rate_limited', retryable: true });
      expect(run.error?.details).toMatchObject({ imapCode: 'LIMIT' });
      expect(run.error?.message).toContain(REFUSED);
      expect(run.error?.hint).toMatch(/limits connections/);
      expect(run.retryDelays).toHaveLength(2);
      expect(Math.min(...run.retryDelays)).toBeGreaterThanOrEqual(1000);
      expect(retryWarnings(run.logs)).toHaveLength(2);
    } finally {
      await holder.logout();
    }
  });
});
