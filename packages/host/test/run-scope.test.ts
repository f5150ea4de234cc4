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

  test('onCancel listeners hear the timeout once, with its reason', async () => {
    const scope = new RunScope(undefined, 20);
    const heard: unknown[] = [];
    scope.onCancel((reason) => heard.push(reason));
    const settled = scope.settle(new Promise(() => {})).catch((error: unknown) => error);

    const error = await settled;

    expect(heard).toEqual([error]);
    expect((error as DOMException).name).toBe('TimeoutError');
    scope.dispose();
  });

  test("an onCancel listener hears the caller's abort; one removed first does not", () => {
    const caller = new AbortController();
    const scope = new RunScope(caller.signal, 60_000);
    const kept: unknown[] = [];
    const removed: unknown[] = [];
    scope.onCancel((reason) => kept.push(reason));
    const stop = scope.onCancel((reason) => removed.push(reason));
    stop();
    const reason = new Error('stopped');

    caller.abort(reason);

    expect(kept).toEqual([reason]);
    expect(removed).toEqual([]);
    scope.dispose();
  });

  test('onCancel on a run already cancelled calls the listener at once', () => {
    const caller = new AbortController();
    const reason = new Error('too late');
    caller.abort(reason);
    const scope = new RunScope(caller.signal, 60_000);
    const heard: unknown[] = [];

    scope.onCancel((heardReason) => heard.push(heardReason));

    expect(heard).toEqual([reason]);
  });

  test('a listener that throws neither stops the others nor the run from being rejected', async () => {
    const caller = new AbortController();
    const scope = new RunScope(caller.signal, 60_000);
    const heard: string[] = [];
    scope.onCancel(() => {
      throw new Error('listener bug');
    });
    scope.onCancel(() => heard.push('second'));
    const settled = scope.settle(new Promise(() => {}));

    caller.abort(new Error('stopped'));

    await expect(settled).rejects.toThrow('stopped');
    expect(heard).toEqual(['second']);
    scope.dispose();
  });
});
