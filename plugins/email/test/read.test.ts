import type { BinaryData } from '@knotwork/sdk';
import { assertNoCanary, runNode } from '@knotwork/testing';
import { afterAll, describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import { startDovecotOrSkip } from './dovecot.js';
import { invoiceMail, plainMail } from './mail-fixtures.js';
import {
  canaryPassword,
  closePools,
  fixtureBytes,
  imapCredential,
  saslPlain,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const dovecotPassword = canaryPassword();
const dovecot = await startDovecotOrSkip(dovecotPassword);
afterAll(async () => {
  await closePools();
  await dovecot?.stop();
});

/** The server, inside the tests that run only when it started. */
function running() {
  if (!dovecot) throw new Error('dovecot is not running');
  return dovecot;
}

interface ReadMessage {
  uid: number;
  messageId: string | null;
  from: { name: string; address: string } | null;
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  subject: string;
  date: string | null;
  receivedAt: string | null;
  text: string | null;
  html: string | null;
  flags: string[];
  attachments: BinaryData[];
  attachmentNames: string[];
}
interface ReadOutput {
  mailbox: string;
  count: number;
  messages: ReadMessage[];
}

let users = 0;
/** A fresh mailbox per test: reads that mark messages must not disturb the next test. */
async function mailboxWith(
  messages: Array<{ mail: string | Buffer; receivedAt?: Date; seen?: boolean }>,
) {
  if (!dovecot) throw new Error('dovecot is not running');
  const user = `user${++users}@example.com`;
  const password = dovecot.password;
  await dovecot.addUser(user);
  for (const message of messages) {
    await dovecot.deliver(user, message.mail, {
      ...(message.receivedAt ? { receivedAt: message.receivedAt } : {}),
      ...(message.seen ? { seen: true } : {}),
    });
  }
  return { user, password, credential: imapCredential({ port: dovecot.port, user, password }) };
}

const subjects = (output: ReadOutput | undefined) =>
  output?.messages.map((message) => message.subject);

describe.skipIf(!dovecot)('Read (against dovecot)', () => {
  test('returns the message parsed, with its attachments as files of the right bytes, name and type', async () => {
    const { credential, password } = await mailboxWith([
      { mail: invoiceMail, receivedAt: new Date('2024-05-14T09:31:00Z') },
    ]);

    const run = await runNode<ReadOutput>(plugin, 'read', {}, { credential });

    expect(run.error).toBeUndefined();
    expect(run.output?.mailbox).toBe('INBOX');
    expect(run.output?.count).toBe(1);
    const message = run.output?.messages[0];
    expect(message).toMatchObject({
      uid: 1,
      messageId: '<invoice-2024-001@example.com>',
      from: { name: 'Billing Team', address: 'billing@example.com' },
      to: [{ name: 'Alice', address: 'alice@example.com' }],
      cc: [{ name: '', address: 'bob@example.com' }],
      subject: 'Invoice 2024-001',
      date: '2024-05-14T09:30:00.000Z',
      receivedAt: '2024-05-14T09:31:00.000Z',
      html: '<p>Hello Alice,</p><p>your invoice is attached. Total: <b>42 €</b>.</p>',
      flags: [],
      attachmentNames: ['invoice-2024-001.pdf', 'logo.png'],
    });
    expect(message?.text).toContain('your invoice is attached. Total: 42 €.');
    const [pdf, png] = message?.attachments ?? [];
    expect(pdf).toMatchObject({
      kind: 'binary',
      fileName: 'invoice-2024-001.pdf',
      mimeType: 'application/pdf',
    });
    expect(png).toMatchObject({ kind: 'binary', fileName: 'logo.png', mimeType: 'image/png' });
    expect(Buffer.from(pdf?.bytes ?? []).equals(Buffer.from(fixtureBytes('invoice.pdf')))).toBe(
      true,
    );
    expect(Buffer.from(png?.bytes ?? []).equals(Buffer.from(fixtureBytes('pixel.png')))).toBe(true);
    expect(pdf?.size).toBe(fixtureBytes('invoice.pdf').length);
    assertNoCanary(password, { logs: run.logs, output: run.output });
  });

  test('reading leaves messages unread; markAsRead sets \\Seen, which the next read shows', async () => {
    const { credential } = await mailboxWith([
      { mail: plainMail({ from: 'a@example.com', subject: 'First' }) },
      { mail: plainMail({ from: 'b@example.com', subject: 'Second' }) },
    ]);

    const peek = await runNode<ReadOutput>(plugin, 'read', { unseenOnly: true }, { credential });
    const mark = await runNode<ReadOutput>(
      plugin,
      'read',
      { unseenOnly: true, limit: 1, markAsRead: true },
      { credential },
    );
    const after = await runNode<ReadOutput>(plugin, 'read', {}, { credential });
    const unseen = await runNode<ReadOutput>(plugin, 'read', { unseenOnly: true }, { credential });

    expect(subjects(peek.output)).toEqual(['Second', 'First']);
    expect(subjects(mark.output)).toEqual(['Second']);
    expect(mark.output?.messages[0]?.flags).toContain('\\Seen');
    expect(
      after.output?.messages.map((message) => [message.subject, message.flags.includes('\\Seen')]),
    ).toEqual([
      ['Second', true],
      ['First', false],
    ]);
    expect(subjects(unseen.output)).toEqual(['First']);
  });

  test('unseenOnly skips messages already read', async () => {
    const { credential } = await mailboxWith([
      { mail: plainMail({ from: 'a@example.com', subject: 'Old news' }), seen: true },
      { mail: plainMail({ from: 'a@example.com', subject: 'Fresh' }) },
    ]);

    const all = await runNode<ReadOutput>(plugin, 'read', {}, { credential });
    const unseen = await runNode<ReadOutput>(plugin, 'read', { unseenOnly: true }, { credential });

    expect(subjects(all.output)).toEqual(['Fresh', 'Old news']);
    expect(all.output?.messages[1]?.flags).toEqual(['\\Seen']);
    expect(subjects(unseen.output)).toEqual(['Fresh']);
  });

  test('since keeps messages received at or after the date, or the exact time', async () => {
    const { credential } = await mailboxWith([
      {
        mail: plainMail({ from: 'a@example.com', subject: 'January' }),
        receivedAt: new Date('2024-01-10T10:00:00Z'),
      },
      {
        mail: plainMail({ from: 'a@example.com', subject: 'March early' }),
        receivedAt: new Date('2024-03-01T08:00:00Z'),
      },
      {
        mail: plainMail({ from: 'a@example.com', subject: 'March late' }),
        receivedAt: new Date('2024-03-01T18:00:00Z'),
      },
      {
        mail: plainMail({ from: 'a@example.com', subject: 'May' }),
        receivedAt: new Date('2024-05-01T10:00:00Z'),
      },
    ]);

    const byDate = await runNode<ReadOutput>(
      plugin,
      'read',
      { since: '2024-03-01' },
      { credential },
    );
    const byTime = await runNode<ReadOutput>(
      plugin,
      'read',
      { since: '2024-03-01T12:00:00Z' },
      { credential },
    );

    expect(subjects(byDate.output)).toEqual(['May', 'March late', 'March early']);
    expect(subjects(byTime.output)).toEqual(['May', 'March late']);
  });

  test('from keeps messages whose sender contains the text', async () => {
    const { credential } = await mailboxWith([
      { mail: plainMail({ from: 'Billing <billing@shop.example>', subject: 'Bill 1' }) },
      { mail: plainMail({ from: 'friend@example.com', subject: 'Hello' }) },
      { mail: plainMail({ from: 'billing@shop.example', subject: 'Bill 2' }) },
    ]);

    const run = await runNode<ReadOutput>(plugin, 'read', { from: 'shop.example' }, { credential });

    expect(subjects(run.output)).toEqual(['Bill 2', 'Bill 1']);
  });

  test('limit returns only the newest messages', async () => {
    const { credential } = await mailboxWith(
      [1, 2, 3, 4, 5].map((number) => ({
        mail: plainMail({ from: 'a@example.com', subject: `Message ${number}` }),
      })),
    );

    const run = await runNode<ReadOutput>(plugin, 'read', { limit: 2 }, { credential });

    expect(subjects(run.output)).toEqual(['Message 5', 'Message 4']);
    expect(run.output?.messages.map((message) => message.uid)).toEqual([5, 4]);
  });

  test('lists attachment names but returns no files when includeAttachments is off', async () => {
    const { credential } = await mailboxWith([{ mail: invoiceMail }]);

    const run = await runNode<ReadOutput>(
      plugin,
      'read',
      { includeAttachments: false },
      { credential },
    );

    expect(run.output?.messages[0]?.attachments).toEqual([]);
    expect(run.output?.messages[0]?.attachmentNames).toEqual(['invoice-2024-001.pdf', 'logo.png']);
  });

  test('names the mailboxes that exist when the one asked for does not', async () => {
    const { credential } = await mailboxWith([]);

    const run = await runNode(plugin, 'read', { mailbox: 'Archiv' }, { credential });

    expect(run.error).toMatchObject({
      service: 'email',
      code: 'mailbox_not_found',
      retryable: false,
    });
    expect(run.error?.message).toBe('No mailbox "Archiv" on this account. Mailboxes: INBOX');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['mailbox']);
    expect(run.retryDelays).toEqual([]);
  });

  test('signs in once for several reads with the same credential', async () => {
    const { credential, user } = await mailboxWith([
      { mail: plainMail({ from: 'a@example.com', subject: 'x' }) },
    ]);

    for (let read = 0; read < 3; read++) {
      expect((await runNode(plugin, 'read', {}, { credential })).error).toBeUndefined();
    }

    const logins = (await running().log())
      .split('\n')
      .filter((line) => line.includes(`Login: user=<${user}>`));
    expect(logins).toHaveLength(1);
  });

  test('says the password is wrong without showing it, and does not retry', async () => {
    const { user } = await mailboxWith([]);
    const wrong = canaryPassword();
    if (!dovecot) throw new Error('dovecot is not running');

    const run = await runNode(
      plugin,
      'read',
      {},
      { credential: imapCredential({ port: dovecot.port, user, password: wrong }) },
    );

    expect(run.error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(run.error?.details).toMatchObject({ imapCode: 'AUTHENTICATIONFAILED' });
    expect(run.error?.hint).toMatch(/app password/);
    expect(run.retryDelays).toEqual([]);
    assertNoCanary(wrong, { logs: run.logs, error: run.error });
    assertNoCanary(saslPlain(user, wrong), { logs: run.logs, error: run.error });
  });

  test.each([
    [{ limit: 501 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ since: 'yesterday' }, 'since'],
    [{ mailbox: '' }, 'mailbox'],
  ])('names the bad field (%#)', async (input, path) => {
    const run = await runNode(plugin, 'read', input, {
      credential: imapCredential({ port: running().port, user: 'nobody', password: 'irrelevant' }),
    });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual([path]);
  });
});
