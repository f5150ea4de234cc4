import { describe, expect, test } from 'vitest';
import { createLogger, type LogRecord, REDACTED, Redactor } from '../src/index.js';

const SECRET = 'xoxb-12345/abc+def==';

describe('Redactor', () => {
  test('masks a secret, its URL-encoded form and its base64 form', () => {
    const redactor = new Redactor().add(SECRET);
    const encoded = encodeURIComponent(SECRET);
    const base64 = Buffer.from(SECRET).toString('base64');

    const text = `raw=${SECRET} url=?token=${encoded} basic=${base64}`;
    const clean = redactor.redact(text);

    expect(encoded).not.toBe(SECRET);
    expect(clean).not.toContain(SECRET);
    expect(clean).not.toContain(encoded);
    expect(clean).not.toContain(base64.replace(/=+$/, ''));
    expect(clean.startsWith(`raw=${REDACTED} url=?token=${REDACTED} basic=${REDACTED}`)).toBe(true);
  });

  test('masks a secret as it appears inside a JSON string', () => {
    const secret = 'pa"ss\\word';
    const redactor = new Redactor().add(secret);

    const clean = redactor.redact(JSON.stringify({ password: secret }));

    expect(clean).toBe(`{"password":"${REDACTED}"}`);
  });

  test('masks the longest secret whole when one secret contains another', () => {
    const redactor = new Redactor().add('abcd', 'abcdefgh');

    expect(redactor.redact('token=abcdefgh short=abcd')).toBe(
      `token=${REDACTED} short=${REDACTED}`,
    );
  });

  test('ignores values shorter than 4 characters, and empty ones', () => {
    const redactor = new Redactor().add('abc', '', null, undefined, 'on');

    expect(redactor.size).toBe(0);
    expect(redactor.redact('abc on')).toBe('abc on');
  });

  test('a redactor made from another masks its secrets, and what either adds later stays its own', () => {
    const base = new Redactor().add(SECRET);
    const run = new Redactor(base).add('run-only-token');
    base.add('base-later-secret');

    expect(run.redact(`${SECRET} run-only-token base-later-secret`)).toBe(
      `${REDACTED} ${REDACTED} base-later-secret`,
    );
    expect(base.redact(`${SECRET} run-only-token base-later-secret`)).toBe(
      `${REDACTED} run-only-token ${REDACTED}`,
    );
    expect(new Redactor(base).size).toBe(base.size);
  });

  test('adding a secret again changes nothing', () => {
    const redactor = new Redactor().add(SECRET);
    const size = redactor.size;

    redactor.add(SECRET, SECRET);

    expect(redactor.size).toBe(size);
    expect(redactor.redact(SECRET)).toBe(REDACTED);
  });

  test('redactValue returns a redacted deep copy and leaves the original alone', () => {
    const redactor = new Redactor().add(SECRET);
    const bytes = new Uint8Array([1, 2, 3]);
    const original = {
      message: `sent with ${SECRET}`,
      nested: { list: [SECRET, 42, true, null] },
      file: { kind: 'binary', fileName: 'a.bin', mimeType: 'application/octet-stream', bytes },
    };

    const copy = redactor.redactValue(original);

    expect(copy).toEqual({
      message: `sent with ${REDACTED}`,
      nested: { list: [REDACTED, 42, true, null] },
      file: { kind: 'binary', fileName: 'a.bin', mimeType: 'application/octet-stream', bytes },
    });
    expect(copy.nested).not.toBe(original.nested);
    expect(original.message).toBe(`sent with ${SECRET}`);
    expect(original.nested.list[0]).toBe(SECRET);
    expect(copy.file.bytes).toBe(bytes);
  });

  test('redactValue hands back the value itself when no secret occurs in it', () => {
    const redactor = new Redactor().add(SECRET);
    const rows = Array.from({ length: 100 }, (_, id) => ({ id, email: `user${id}@example.com` }));
    const original = { command: 'SELECT', rows };

    expect(redactor.redactValue(original)).toBe(original);
  });

  test('redactValue finds a secret behind a value that refers to itself', () => {
    const redactor = new Redactor().add(SECRET);
    const original: { self?: unknown; note: string } = { note: 'first' };
    original.self = original;
    const outer = { wrapped: original, later: { token: SECRET } };

    const copy = redactor.redactValue(outer);

    expect(copy.later.token).toBe(REDACTED);
    expect(copy.wrapped).not.toBe(original);
    expect((copy.wrapped as { self: unknown }).self).toBe(copy.wrapped);
  });

  test('redactValue keeps dates as dates', () => {
    const redactor = new Redactor().add(SECRET);
    const createdAt = new Date('2024-05-01T10:00:00Z');

    const copy = redactor.redactValue({ row: { createdAt, note: SECRET } });

    expect(copy.row.createdAt).toBeInstanceOf(Date);
    expect(copy.row.createdAt.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(copy.row.note).toBe(REDACTED);
  });

  test('redactValue copes with a value that refers to itself', () => {
    const redactor = new Redactor().add(SECRET);
    const original: { token: string; self?: unknown } = { token: SECRET };
    original.self = original;

    const copy = redactor.redactValue(original);

    expect(copy.token).toBe(REDACTED);
    expect(copy.self).toBe(copy);
  });
});

describe('Logger', () => {
  function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
    const records: LogRecord[] = [];
    const redactor = new Redactor().add(SECRET);
    const logger = createLogger({
      redactor,
      sink: (record) => records.push(record),
      ...(level ? { level } : {}),
    });
    return { records, logger };
  }

  test('redacts secrets from the message and from every field, errors included', () => {
    const { records, logger } = capture();
    const error = Object.assign(new Error(`auth failed for ${SECRET}`), { code: 'EAUTH' });

    logger.error(`calling with ${SECRET}`, { header: `Bearer ${SECRET}`, attempt: 2, error });

    expect(records).toHaveLength(1);
    expect(records[0]?.level).toBe('error');
    expect(records[0]?.message).toBe(`calling with ${REDACTED}`);
    expect(records[0]?.fields).toEqual({
      header: `Bearer ${REDACTED}`,
      attempt: 2,
      error: { name: 'Error', message: `auth failed for ${REDACTED}`, code: 'EAUTH' },
    });
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });

  test('drops records below its level', () => {
    const { records, logger } = capture('warn');

    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');

    expect(records.map((record) => record.level)).toEqual(['warn', 'error']);
  });

  test('logs info and above by default', () => {
    const { records, logger } = capture();

    logger.debug('d');
    logger.info('i');

    expect(records.map((record) => record.message)).toEqual(['i']);
  });

  test('a child logger adds its fields to every record, redacted too', () => {
    const { records, logger } = capture();

    logger
      .child({ node: 'slack.sendMessage', url: `https://x/?t=${SECRET}` })
      .info('sent', { ts: '1' });

    expect(records[0]?.fields).toEqual({
      node: 'slack.sendMessage',
      url: `https://x/?t=${REDACTED}`,
      ts: '1',
    });
    expect(records[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
