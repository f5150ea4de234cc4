import { describe, expect, test } from 'vitest';
import { BinaryStore } from '../src/server/binary-store.js';

const file = (size: number, fileName = `f${size}`) => ({
  fileName,
  mimeType: 'application/octet-stream',
  bytes: new Uint8Array(size),
});

describe('the playground’s file store', () => {
  test('keeps a file for download and gives a reference to it', () => {
    const store = new BinaryStore();
    const ref = store.put(file(3, 'a.bin'));
    expect(ref).toEqual({
      $binary: expect.any(String),
      fileName: 'a.bin',
      mimeType: 'application/octet-stream',
      size: 3,
    });
    expect(store.get(ref.$binary)?.bytes.byteLength).toBe(3);
  });

  test('drops the oldest files first when over its size budget', () => {
    const store = new BinaryStore({ maxBytes: 10 });
    const first = store.put(file(4));
    const second = store.put(file(4));
    const third = store.put(file(4));
    expect(store.get(first.$binary)).toBeUndefined();
    expect(store.get(second.$binary)).toBeDefined();
    expect(store.get(third.$binary)).toBeDefined();
    expect(store.totalBytes).toBe(8);
  });

  test('forgets files after their time is up', () => {
    let now = 0;
    const store = new BinaryStore({ maxAgeMs: 1000, now: () => now });
    const old = store.put(file(1));
    now = 600;
    const young = store.put(file(1));
    now = 1000;
    expect(store.get(old.$binary)).toBeUndefined();
    expect(store.get(young.$binary)).toBeDefined();
    expect(store.totalBytes).toBe(1);
  });

  test('refuses a single file larger than the whole budget, naming the way out', () => {
    const store = new BinaryStore({ maxBytes: 10 });
    expect(() => store.put(file(11, 'huge.iso'))).toThrow(/huge\.iso/);
  });
});
