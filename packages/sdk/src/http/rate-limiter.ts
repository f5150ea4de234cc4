import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterQueue,
} from 'rate-limiter-flexible';
import type { ResolvedServicePolicy } from '../service-policy.js';

type Rule = ResolvedServicePolicy['rateLimit']['rules'][number];

export interface LimiterOptions {
  points: number;
  duration: number;
  keyPrefix: string;
}

/** Builds the store-backed limiter for one rule: in memory by default, Redis in queue mode. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);

/**
 * Holds one waiting queue per service rule and makes a request wait its turn instead of
 * failing: a workflow that sends 100 Slack messages should be slowed, not broken.
 */
export class RateLimiterRegistry {
  readonly #queues = new Map<string, RateLimiterQueue>();
  readonly #factory: LimiterFactory;

  constructor(factory: LimiterFactory = memoryLimiters) {
    this.#factory = factory;
  }

  async acquire(
    service: string,
    rules: readonly Rule[],
    request: { method: string; path: string; credentialKey: string },
  ): Promise<void> {
    for (const [index, rule] of rules.entries()) {
      if (rule.method && rule.method.toUpperCase() !== request.method) continue;
      if (rule.pathPrefix && !request.path.startsWith(rule.pathPrefix)) continue;
      const queue = this.#queueFor(service, index, rule);
      await queue.removeTokens(1, rule.scope === 'service' ? 'service' : request.credentialKey);
    }
  }

  #queueFor(service: string, index: number, rule: Rule): RateLimiterQueue {
    const id = `${service}:${index}`;
    let queue = this.#queues.get(id);
    if (!queue) {
      const limiter = this.#factory({
        points: rule.requests,
        duration: rule.perSeconds,
        keyPrefix: `knotwork:rl:${id}`,
      });
      queue = new RateLimiterQueue(limiter, { maxQueueSize: 10_000 });
      this.#queues.set(id, queue);
    }
    return queue;
  }
}
