import { describe, expect, test } from 'vitest';
import { SESSION_LIFETIME_MS, StudioSessions } from '../src/server/studio-sessions.js';

describe('StudioSessions', () => {
  test('a session is active until it expires, then gone', () => {
    let now = 1_000_000;
    const sessions = new StudioSessions(() => now);
    const id = sessions.start();

    now += SESSION_LIFETIME_MS - 1;
    expect(sessions.isActive(id)).toBe(true);
    now += 1;
    expect(sessions.isActive(id)).toBe(false);
    now -= 1;
    expect(sessions.isActive(id)).toBe(false);
  });

  test('ending one session leaves the others, and an unknown id is never active', () => {
    const sessions = new StudioSessions();
    const first = sessions.start();
    const second = sessions.start();

    sessions.end(first);

    expect(sessions.isActive(first)).toBe(false);
    expect(sessions.isActive(second)).toBe(true);
    expect(sessions.isActive('made-up')).toBe(false);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(first).not.toBe(second);
  });

  test('past a thousand sign-ins the oldest ends first', () => {
    const sessions = new StudioSessions();
    const oldest = sessions.start();
    const next = sessions.start();
    for (let more = 0; more < 998; more++) sessions.start();

    sessions.start();

    expect(sessions.isActive(oldest)).toBe(false);
    expect(sessions.isActive(next)).toBe(true);
  });
});
