import { describe, expect, test } from 'vitest';
import { RunScope } from '../src/run-scope.js';

describe('RunScope', () => {
  test('a signal first read after the timeout is already aborted with the TimeoutError', async () => {
    const scope = new RunScope(undefined, 20);
    const settled = scope.settle(new Promise(() => {})).catch((error: unknown) => error);

    const error = (await settled) as DOMException;

    expect(error.name).toBe('TimeoutError');
    expect(scope.signal.aborted).toBe(true);
    expect(scope.signal.reason).toBe(error);
    scope.dispose();
  });

  test("a signal read during the run aborts when the caller's does, with the caller's reason", () => {
    const caller = new AbortController();
    const scope = new RunScope(caller.signal, 60_000);
    const { signal } = scope;
    const reason = new Error('stopped');

    caller.abort(reason);

    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    scope.dispose();
  });

  test('a caller signal aborted before the run starts rejects the run at once', async () => {
    const caller = new AbortController();
    caller.abort(new Error('too late'));
    const scope = new RunScope(caller.signal, 60_000);

    await expect(scope.settle(Promise.resolve('done'))).rejects.toThrow('too late');
    expect(scope.signal.aborted).toBe(true);
  });

  test('a disposed run never times out', async () => {
    const scope = new RunScope(undefined, 20);
    expect(await scope.settle(Promise.resolve('done'))).toBe('done');
    scope.dispose();

    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(scope.signal.aborted).toBe(false);
  });
});
