import { z } from 'zod';

/**
 * How a service behaves on the wire, declared by its plugin as data so the SDK's one
 * http layer applies it: rate limits, how the provider says "slow down", how it reports
 * errors, and which requests it lets us retry safely.
 */

export const rateLimitRuleSchema = z.object({
  /** Requests allowed per window. */
  requests: z.number().int().positive(),
  /** Window length in seconds. */
  perSeconds: z.number().positive(),
  /** Whose budget it is: one per credential (per token) or one for the whole service. */
  scope: z.enum(['credential', 'service']).default('credential'),
  /**
   * Only requests whose path starts with this count against the rule. The path is taken
   * relative to the credential's base URL when the request is under it (so a proxy or
   * Enterprise base URL keeps the rule working), else it is the URL's absolute path.
   */
  pathPrefix: z.string().optional(),
  method: z.string().optional(),
});
export type RateLimitRule = z.input<typeof rateLimitRuleSchema>;

export const resetHeaderSchema = z.object({
  header: z.string(),
  /** epoch-seconds: GitHub's x-ratelimit-reset; delta-seconds: seconds from now. */
  format: z.enum(['epoch-seconds', 'epoch-ms', 'delta-seconds', 'http-date']),
  /** When given, the reset only applies once this header reads 0 (GitHub primary limit). */
  remainingHeader: z.string().optional(),
});

export const rateLimitPolicySchema = z.object({
  rules: z.array(rateLimitRuleSchema).default([]),
  /** Statuses that mean "slow down"; 403 joins for providers like GitHub. */
  statuses: z.array(z.number().int()).default([429]),
  retryAfterHeaders: z.array(z.string()).default(['retry-after']),
  resetHeaders: z.array(resetHeaderSchema).default([]),
  /** Regular expressions (source text) matched against an error body, e.g. Google's "User-rate limit exceeded". */
  bodyPatterns: z.array(z.string()).default([]),
  /** Dotted path to a retry delay in seconds inside the body (Telegram: parameters.retry_after). */
  retryAfterBodyPath: z.string().optional(),
  /**
   * The least wait after a rate-limit refusal that names no wait (GitHub asks for a
   * minute on secondary limits): quick retries would only be refused again.
   */
  minWaitMs: z.number().int().min(0).default(0),
});
export type RateLimitPolicy = z.input<typeof rateLimitPolicySchema>;

export const retryPolicySchema = z.object({
  /** Total attempts, the first one included. */
  maxAttempts: z.number().int().min(1).max(10).default(5),
  baseDelayMs: z.number().int().min(0).default(500),
  /** Long enough to ride out a per-minute quota window. */
  maxDelayMs: z.number().int().min(0).default(65_000),
  /** A provider asking for a longer wait than this fails fast with its retry time in the hint. */
  maxRetryAfterMs: z.number().int().min(0).default(120_000),
  statuses: z.array(z.number().int()).default([408, 425, 429, 500, 502, 503, 504]),
  /** Header the provider reads an idempotency key from (Stripe: Idempotency-Key); makes POST retryable. */
  idempotencyKeyHeader: z.string().optional(),
});
export type RetryPolicy = z.input<typeof retryPolicySchema>;

export const errorHintSchema = z.object({
  hint: z.string(),
  retryable: z.boolean().optional(),
  /** The provider refused the request for rate: nothing happened, so even a POST may be retried. */
  rateLimited: z.boolean().optional(),
  /** Replaces the provider's text when it is unhelpful. */
  message: z.string().optional(),
});

export const errorPolicySchema = z.object({
  /** Dotted path to the provider's error code in a JSON body (Slack: `error`; Google: `error.status`). */
  codePath: z.string().optional(),
  /** Dotted path to a human message in the body. */
  messagePath: z.string().optional(),
  /** Further fields worth showing a person, copied into the error's details (Slack: needed, provided). */
  detailPaths: z.array(z.string()).default([]),
  /** Providers that answer 200 with a failure flag (Slack `ok: false`, Telegram). */
  okPath: z.string().optional(),
  /** A short plain-text body is the code itself (Slack incoming webhooks: `invalid_payload`). */
  textBodyIsCode: z.boolean().default(false),
  /** Provider codes -> what a person should do. */
  hints: z.record(z.string(), errorHintSchema).default({}),
  /** HTTP statuses -> what a person should do, when the body carries no known code. */
  statusHints: z.record(z.string(), errorHintSchema).default({}),
  /** Codes or statuses that mean the OAuth token expired (beyond a plain 401). */
  tokenExpiredCodes: z.array(z.string()).default([]),
});
export type ErrorPolicy = z.input<typeof errorPolicySchema>;

export const servicePolicySchema = z.object({
  rateLimit: rateLimitPolicySchema.default(rateLimitPolicySchema.parse({})),
  retry: retryPolicySchema.default(retryPolicySchema.parse({})),
  errors: errorPolicySchema.default(errorPolicySchema.parse({})),
  /** Default per-request timeout. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Sent with every request (API version pins: Notion-Version, X-GitHub-Api-Version); a request's own headers win. */
  headers: z.record(z.string(), z.string()).default({}),
});
export type ServicePolicy = z.input<typeof servicePolicySchema>;
export type ResolvedServicePolicy = z.output<typeof servicePolicySchema>;

export function resolveServicePolicy(policy: ServicePolicy | undefined): ResolvedServicePolicy {
  return servicePolicySchema.parse(policy ?? {});
}
