import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { credentialsError } from '../errors.js';
import type { LeaseTable } from './credential-store.js';

export interface LeaseOptions {
  /** How long a lease lasts unless renewed; a crashed holder blocks others at most this long. */
  leaseMs: number;
  /** How long to wait for the lock before giving up. */
  timeoutMs: number;
}

export const DEFAULT_LEASE_OPTIONS: LeaseOptions = { leaseMs: 30_000, timeoutMs: 60_000 };

/**
 * Runs fn holding a lease row on `resource` that every process sharing the store respects.
 * Not reentrant: taking the same lock again inside fn waits for itself until the timeout.
 * Leases use the wall clock, not an injected one: other processes compare against it.
 */
export async function withLease<T>(
  leases: LeaseTable,
  resource: string,
  fn: () => Promise<T>,
  options: LeaseOptions = DEFAULT_LEASE_OPTIONS,
): Promise<T> {
  // Unique per acquisition, and readable in a stuck-lock message.
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const deadline = Date.now() + options.timeoutMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    const now = Date.now();
    if (await leases.tryAcquireLease(resource, owner, now + options.leaseMs, now)) break;
    if (Date.now() >= deadline) throw await lockTimeout(leases, resource, options);
    // Jitter keeps contending processes from polling in lockstep.
    await sleep(delay / 2 + Math.random() * delay);
  }
  // Renewed while fn runs, so a slow token request does not let another process in.
  const heartbeat = setInterval(
    () => {
      leases.renewLease(resource, owner, Date.now() + options.leaseMs).catch(() => {});
    },
    Math.max(10, Math.floor(options.leaseMs / 3)),
  );
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    // A failed release only delays others until the lease expires; fn's outcome matters more.
    await leases.releaseLease(resource, owner).catch(() => {});
  }
}

async function lockTimeout(leases: LeaseTable, resource: string, options: LeaseOptions) {
  const holder = await leases.leaseHolder(resource).catch(() => undefined);
  return credentialsError(
    'credential_locked',
    `Credential ${resource} stayed locked${holder ? ` by ${holder.owner}` : ''} for more than ${options.timeoutMs / 1000} s`,
    'Another knotwork process is working with this credential (e.g. refreshing its token). Try again; ' +
      `a lock left by a crashed process expires by itself within ${options.leaseMs / 1000} s.`,
    { retryable: true },
  );
}
