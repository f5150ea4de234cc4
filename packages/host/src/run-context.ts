import {
  abortableSleep,
  type ConnectionPools,
  type HttpClient,
  type Logger,
  type NodeContext,
  type Redactor,
  type Sleep,
  type TriggerState,
} from '@knotwork/sdk';
import type { RunScope } from './run-scope.js';

export interface RunContextParts {
  credential: unknown;
  logger: Logger;
  state: TriggerState;
  emit: (items: unknown[]) => void;
  connections: ConnectionPools;
  node: { plugin: string; key: string };
  scope: RunScope;
  redactor: Redactor;
  sleep: Sleep | undefined;
  /** Builds the run's HTTP client; called at most once, on the first read of `http`. */
  makeHttp: () => HttpClient;
}

/**
 * A run's `ctx`. A class, not an object literal: `http` and `signal` are made on first use
 * (database and mail nodes never touch HTTP), and getters written in an object literal
 * are defined afresh on every run, which costs more than the whole of a short database
 * query's own work in its node. Destructuring reads them like any property; a spread
 * (`{ ...ctx }`) copies only own fields, so pass `ctx` whole.
 */
export class RunContext implements NodeContext<unknown> {
  readonly credential: unknown;
  readonly logger: Logger;
  readonly state: TriggerState;
  emit: (items: unknown[]) => void;
  readonly connections: ConnectionPools;
  readonly node: { plugin: string; key: string };
  readonly sleep: (ms: number) => Promise<void>;
  readonly addSecret: (value: string) => void;
  readonly onCancel: (listener: (reason: unknown) => void) => () => void;
  readonly #scope: RunScope;
  readonly #makeHttp: () => HttpClient;
  #http: HttpClient | undefined;

  constructor(parts: RunContextParts) {
    this.credential = parts.credential;
    this.logger = parts.logger;
    this.state = parts.state;
    this.emit = parts.emit;
    this.connections = parts.connections;
    this.node = parts.node;
    this.#scope = parts.scope;
    this.#makeHttp = parts.makeHttp;
    // Own functions, not methods: `const { sleep, onCancel } = ctx` keeps working.
    const { scope, redactor, sleep } = parts;
    this.sleep = (ms) => (sleep ?? abortableSleep)(ms, scope.signal);
    this.addSecret = (value) => {
      redactor.add(value);
    };
    this.onCancel = (listener) => scope.onCancel(listener);
  }

  get http(): HttpClient {
    this.#http ??= this.#makeHttp();
    return this.#http;
  }

  /** Made on first use: a node that never reads it costs no AbortController. */
  get signal(): AbortSignal {
    return this.#scope.signal;
  }
}
