import { isBinaryData, readBinary } from '@knotwork/sdk';
import type { BinaryRef } from './api-schemas.js';
import type { BinaryStore } from './binary-store.js';

/**
 * A node's output made ready for JSON: files go to the store and are replaced by a
 * reference the browser downloads; values JSON cannot hold are turned into ones it can.
 */
export async function withBinaryRefs(
  value: unknown,
  store: BinaryStore,
  /** Masks secrets in the file's bytes before it is kept. */
  clean: (bytes: Uint8Array, mimeType: string) => Uint8Array = (bytes) => bytes,
): Promise<{ value: unknown; binaries: BinaryRef[] }> {
  const binaries: BinaryRef[] = [];
  const walk = async (item: unknown, seen: Set<object>): Promise<unknown> => {
    if (isBinaryData(item)) {
      const ref = store.put({
        fileName: item.fileName,
        mimeType: item.mimeType,
        bytes: clean(await readBinary(item), item.mimeType),
      });
      binaries.push(ref);
      return ref;
    }
    if (typeof item === 'bigint') return item.toString();
    if (item instanceof Uint8Array) return Buffer.from(item).toString('base64');
    if (typeof item !== 'object' || item === null || item instanceof Date) return item;
    if (seen.has(item)) return '[circular]';
    seen.add(item);
    try {
      if (Array.isArray(item)) return await Promise.all(item.map((entry) => walk(entry, seen)));
      const entries = await Promise.all(
        Object.entries(item).map(async ([key, entry]) => [key, await walk(entry, seen)] as const),
      );
      return Object.fromEntries(entries);
    } finally {
      seen.delete(item);
    }
  };
  return { value: await walk(value, new Set()), binaries };
}
