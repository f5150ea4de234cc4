import { createHost, type ExecuteOptions, type Host, type InlineCredential } from '@knotwork/host';
import {
  type CredentialTestResult,
  type IntegrationError,
  isIntegrationError,
  type LogRecord,
  memoryState,
  type PluginDefinition,
  type TriggerState,
  type WebhookRequest,
  type WebhookResponse,
} from '@knotwork/sdk';

export interface RunOptions {
  /** In-memory credential: `{ key: 'botToken', data: {...} }`. */
  credential?: InlineCredential | string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sleep for real between retries instead of recording the delays (default false). */
  realSleep?: boolean;
  /** Check output against the node's output schema (default true). */
  validateOutput?: boolean;
  state?: TriggerState;
}

export interface NodeRun<O = unknown> {
  ok: boolean;
  output?: O;
  error?: IntegrationError;
  logs: LogRecord[];
  /** Every wait the http layer asked for between attempts, in ms. */
  retryDelays: number[];
}

const hosts = new WeakMap<PluginDefinition, Promise<Host>>();

/** One host per plugin definition, reused across a test file like a real host would be. */
export function hostFor(plugin: PluginDefinition): Promise<Host> {
  let host = hosts.get(plugin);
  if (!host) {
    host = createHost({ definitions: [plugin] });
    hosts.set(plugin, host);
  }
  return host;
}

function qualify(plugin: PluginDefinition, nodeKey: string): string {
  return nodeKey.includes('.') ? nodeKey : `${plugin.name}.${nodeKey}`;
}

function executeOptions(
  options: RunOptions,
  logs: LogRecord[],
  retryDelays: number[],
): ExecuteOptions {
  return {
    ...(options.credential === undefined ? {} : { credential: options.credential }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.state ? { state: options.state } : {}),
    logSink: (record) => logs.push(record),
    validateOutput: options.validateOutput ?? true,
    ...(options.realSleep
      ? {}
      : {
          sleep: async (ms: number, signal?: AbortSignal) => {
            retryDelays.push(ms);
            if (signal?.aborted) throw signal.reason;
          },
        }),
  };
}

async function capture<T>(
  work: () => Promise<T>,
  logs: LogRecord[],
  retryDelays: number[],
): Promise<NodeRun<T>> {
  try {
    return { ok: true, output: await work(), logs, retryDelays };
  } catch (error) {
    if (!isIntegrationError(error)) throw error;
    return { ok: false, error, logs, retryDelays };
  }
}

/**
 * Runs a node as the host would (input validation, credential binding, http policy,
 * redaction) and records what happened instead of throwing.
 */
export async function runNode<O = unknown>(
  plugin: PluginDefinition,
  nodeKey: string,
  input: unknown,
  options: RunOptions = {},
): Promise<NodeRun<O>> {
  const host = await hostFor(plugin);
  const logs: LogRecord[] = [];
  const retryDelays: number[] = [];
  return capture(
    () =>
      host.execute(
        qualify(plugin, nodeKey),
        input,
        executeOptions(options, logs, retryDelays),
      ) as Promise<O>,
    logs,
    retryDelays,
  );
}

/**
 * Presses the credential's "Test connection" button: `credential` is its local key or
 * global type plus the data a user would enter.
 */
export async function testCredential(
  plugin: PluginDefinition,
  credential: {
    key?: string;
    type?: string;
    data: Record<string, unknown>;
    token?: InlineCredential['token'];
  },
  options: Pick<RunOptions, 'realSleep' | 'timeoutMs'> = {},
): Promise<CredentialTestResult & { logs: LogRecord[]; retryDelays: number[] }> {
  const host = await hostFor(plugin);
  const logs: LogRecord[] = [];
  const retryDelays: number[] = [];
  const type = credential.type ?? `${plugin.name}.${credential.key}`;
  const result = await host.testCredential(
    { ...credential, type },
    executeOptions(options, logs, retryDelays),
  );
  return { ...result, logs, retryDelays };
}

/** Polls a trigger `times` times with one state, as the engine's scheduler does. */
export async function pollTrigger<O = unknown>(
  plugin: PluginDefinition,
  nodeKey: string,
  input: unknown,
  options: RunOptions & { times?: number } = {},
): Promise<{ polls: Array<NodeRun<O[]>>; state: ReturnType<typeof memoryState> }> {
  const host = await hostFor(plugin);
  const state = (options.state as ReturnType<typeof memoryState> | undefined) ?? memoryState();
  const polls: Array<NodeRun<O[]>> = [];
  for (let index = 0; index < (options.times ?? 1); index++) {
    const logs: LogRecord[] = [];
    const retryDelays: number[] = [];
    polls.push(
      await capture(
        () =>
          host.poll(qualify(plugin, nodeKey), input, {
            ...executeOptions(options, logs, retryDelays),
            state,
          }) as Promise<O[]>,
        logs,
        retryDelays,
      ),
    );
  }
  return { polls, state };
}

export interface DeliveredRequest {
  method?: WebhookRequest['method'];
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
}

/** Delivers an HTTP request to a webhook trigger the way the engine's webhook server will. */
export async function deliverWebhook<O = unknown>(
  plugin: PluginDefinition,
  nodeKey: string,
  input: unknown,
  request: DeliveredRequest,
  options: RunOptions = {},
): Promise<NodeRun<{ items: O[]; response?: WebhookResponse }>> {
  const host = await hostFor(plugin);
  const logs: LogRecord[] = [];
  const retryDelays: number[] = [];
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
  );
  let rawBody: Uint8Array;
  let body: unknown = request.body;
  if (request.body instanceof Uint8Array) {
    rawBody = request.body;
    body = new TextDecoder().decode(rawBody);
  } else if (typeof request.body === 'string') {
    rawBody = new TextEncoder().encode(request.body);
  } else if (request.body === undefined) {
    rawBody = new Uint8Array();
  } else {
    rawBody = new TextEncoder().encode(JSON.stringify(request.body));
    headers['content-type'] ??= 'application/json';
  }
  if (typeof body === 'string' && /json/.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(body);
    } catch {
      // The node sees the text and decides what a malformed body means.
    }
  }
  return capture(
    () =>
      host.handleWebhook(
        qualify(plugin, nodeKey),
        input,
        {
          method: request.method ?? 'POST',
          path: request.path ?? '/',
          headers,
          query: request.query ?? {},
          body,
          rawBody,
        },
        executeOptions(options, logs, retryDelays),
      ) as Promise<{ items: O[]; response?: WebhookResponse }>,
    logs,
    retryDelays,
  );
}
