import type { z } from 'zod';
import type { NodeContext } from './context.js';
import type { CredentialDefinition, ResolvedCredential } from './credential.js';
import type { HttpMethod } from './http/types.js';

type AnyCredential = CredentialDefinition<string, z.ZodObject>;

/** The credential a node receives: a union over the types it accepts, told apart by `key`. */
export type CredentialOf<C extends readonly AnyCredential[]> = {
  [I in keyof C]: C[I] extends CredentialDefinition<infer K, infer S>
    ? ResolvedCredential<K, z.output<S>>
    : never;
}[number];

export interface WebhookRequest {
  method: HttpMethod;
  /** Path below the workflow's webhook root. */
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Parsed body (JSON, form or text). */
  body: unknown;
  /** The body's bytes exactly as received: signatures are computed over these. */
  rawBody: Uint8Array;
}

export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface WebhookResult<O> {
  items: O[];
  /** Immediate answer to the caller; omitted when a Response node answers later. */
  response?: WebhookResponse;
}

interface NodeCommon<
  K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  C extends readonly AnyCredential[],
> {
  key: K;
  displayName: string;
  description: string;
  /** Credential types the node accepts; the first is the default. */
  credentials?: C;
  /** Defaults to true when `credentials` is non-empty. */
  credentialRequired?: boolean;
  input: I;
  output: O;
  /** Overall time allowed for one run of the node. */
  timeoutMs?: number;
  docsUrl?: string;
}

type Ctx<C extends readonly AnyCredential[], R extends boolean | undefined> = NodeContext<
  R extends false ? CredentialOf<C> | undefined : CredentialOf<C>
>;

export interface ActionNodeInput<
  K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  C extends readonly AnyCredential[],
  R extends boolean | undefined,
> extends NodeCommon<K, I, O, C> {
  kind: 'action';
  credentialRequired?: R;
  run(ctx: Ctx<C, R>, input: z.output<I>): Promise<z.input<O>>;
}

export interface PollingTriggerInput<
  K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  C extends readonly AnyCredential[],
  R extends boolean | undefined,
> extends NodeCommon<K, I, O, C> {
  kind: 'trigger';
  credentialRequired?: R;
  trigger: { type: 'polling'; intervalSeconds: number };
  /** Returns the items that are new since the last poll; keeps its place in `ctx.state`. */
  poll(ctx: Ctx<C, R>, input: z.output<I>): Promise<Array<z.input<O>>>;
}

export interface WebhookTriggerInput<
  K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  C extends readonly AnyCredential[],
  R extends boolean | undefined,
> extends NodeCommon<K, I, O, C> {
  kind: 'trigger';
  credentialRequired?: R;
  trigger: { type: 'webhook'; methods: HttpMethod[] };
  webhook(
    ctx: Ctx<C, R>,
    input: z.output<I>,
    request: WebhookRequest,
  ): Promise<WebhookResult<z.input<O>>>;
}

export type NodeDefinitionInput<
  K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  C extends readonly AnyCredential[],
  R extends boolean | undefined,
> =
  | ActionNodeInput<K, I, O, C, R>
  | PollingTriggerInput<K, I, O, C, R>
  | WebhookTriggerInput<K, I, O, C, R>;

/** A node as the host sees it, with its types erased. */
export interface NodeDefinition {
  readonly __knotwork: 'node';
  key: string;
  kind: 'action' | 'trigger';
  displayName: string;
  description: string;
  credentials?: readonly AnyCredential[];
  credentialRequired?: boolean;
  input: z.ZodType;
  output: z.ZodType;
  timeoutMs?: number;
  docsUrl?: string;
  trigger?:
    | { type: 'polling'; intervalSeconds: number }
    | { type: 'webhook'; methods: HttpMethod[] };
  run?(ctx: NodeContext<unknown>, input: unknown): Promise<unknown>;
  poll?(ctx: NodeContext<unknown>, input: unknown): Promise<unknown[]>;
  webhook?(
    ctx: NodeContext<unknown>,
    input: unknown,
    request: WebhookRequest,
  ): Promise<WebhookResult<unknown>>;
}

export function defineNode<
  const K extends string,
  I extends z.ZodType,
  O extends z.ZodType,
  const C extends readonly AnyCredential[] = [],
  R extends boolean | undefined = undefined,
>(definition: NodeDefinitionInput<K, I, O, C, R>): NodeDefinition {
  if (!/^[a-z][A-Za-z0-9]*$/.test(definition.key)) {
    throw new TypeError(`Node key "${definition.key}" must be camelCase letters and digits`);
  }
  const key: string = definition.key;
  if (!definition.description?.trim()) {
    throw new TypeError(`Node "${key}" has no description: say in a sentence what it does`);
  }
  const hasEntry = 'run' in definition || 'poll' in definition || 'webhook' in definition;
  if (!hasEntry) throw new TypeError(`Node "${key}" has no run, poll or webhook function`);
  return { ...(definition as unknown as Omit<NodeDefinition, '__knotwork'>), __knotwork: 'node' };
}

export function isCredentialRequired(
  node: Pick<NodeDefinition, 'credentials' | 'credentialRequired'>,
) {
  return node.credentialRequired ?? (node.credentials?.length ?? 0) > 0;
}
