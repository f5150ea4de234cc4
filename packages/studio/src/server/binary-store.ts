import { randomUUID } from 'node:crypto';
import { IntegrationError } from '@knotwork/sdk';
import type { BinaryRef } from './api-schemas.js';

export interface StoredBinary {
  id: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  storedAt: number;
}

export interface BinaryStoreLimits {
  maxBytes?: number;
  maxAgeMs?: number;
  now?: () => number;
}

const MB = 1024 * 1024;

/**
 * Files from playground runs, kept in memory long enough to download: at most 15 minutes
 * and 100 MB in all, the oldest dropped first. Nothing is written to disk.
 */
export class BinaryStore {
  // A Map iterates in insertion order: the first entry is always the oldest.
  readonly #files = new Map<string, StoredBinary>();
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #total = 0;

  constructor(limits: BinaryStoreLimits = {}) {
    this.#maxBytes = limits.maxBytes ?? 100 * MB;
    this.#maxAgeMs = limits.maxAgeMs ?? 15 * 60_000;
    this.#now = limits.now ?? Date.now;
  }

  get totalBytes(): number {
    return this.#total;
  }

  put(file: { fileName: string; mimeType: string; bytes: Uint8Array }): BinaryRef {
    this.#dropExpired();
    if (file.bytes.byteLength > this.#maxBytes) {
      throw new IntegrationError({
        service: 'studio',
        code: 'file_too_large',
        message: `${file.fileName} is ${file.bytes.byteLength} bytes, more than the playground keeps (${this.#maxBytes})`,
        hint: 'Run the node from the CLI with --save-files to write large files to disk.',
      });
    }
    for (const [id, stored] of this.#files) {
      if (this.#total + file.bytes.byteLength <= this.#maxBytes) break;
      this.#remove(id, stored);
    }
    const id = randomUUID();
    this.#files.set(id, { id, ...file, storedAt: this.#now() });
    this.#total += file.bytes.byteLength;
    return {
      $binary: id,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.bytes.byteLength,
    };
  }

  get(id: string): StoredBinary | undefined {
    this.#dropExpired();
    return this.#files.get(id);
  }

  #dropExpired(): void {
    const oldest = this.#now() - this.#maxAgeMs;
    for (const [id, stored] of this.#files) {
      if (stored.storedAt > oldest) break;
      this.#remove(id, stored);
    }
  }

  #remove(id: string, stored: StoredBinary): void {
    this.#files.delete(id);
    this.#total -= stored.bytes.byteLength;
  }
}
