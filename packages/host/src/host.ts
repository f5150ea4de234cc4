import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  baseUrlOf,
  buildManifest,
  type CredentialTestResult,
  closestNames,
  createHttpClient,
  createLogger,
  credentialType,
  type HttpClient,
  type HttpClientOptions,
  IntegrationError,
  invalidInputError,
  isCredentialRequired,
  isIntegrationError,
  isPluginDefinition,
  type Logger,
  type LogLevel,
  type LogSink,
  type Manifest,
  type ManifestCredential,
  type ManifestNode,
  memoryState,
  type NodeContext,
  type NodeDefinition,
  type OAuthProvider,
  type PluginDefinition,
  RateLimiterRegistry,
  Redactor,
  SDK_VERSION,
  type Sleep,
  silentLogSink,
  type TriggerState,
  type WebhookRequest,
  type WebhookResult,
} from '@knotwork/sdk';
import { HostConnectionPools } from './connection-pools.js';
import {
  type BoundCredential,
  bindCredential,
  bindInlineCredential,
  type CredentialResolver,
  credentialAuth,
  type InlineCredential,
} from './credentials.js';
import { discoverInstalledPlugins, readPluginPackage } from './discovery.js';
import { type PluginRecord, readPluginRecord } from './plugin-record.js';
import type { PluginProblem } from './problems.js';
import { RunContext } from './run-context.js';
import { RunScope } from './run-scope.js';

export interface HostOptions {
  /** Folders whose node_modules are searched for plugins (default: none). */
  dirs?: string[];
  /** Plugin packages named explicitly: a package folder, or a package name resolved from `resolveFrom`. */
  packages?: string[];
  resolveFrom?: string;
  /** Plugins already in memory (tests, embedding apps). */
  definitions?: PluginDefinition[];
  credentialResolver?: CredentialResolver;
  logSink?: LogSink;
  logLevel?: LogLevel;
  /** Shared by every run: one budget per service and credential. */
  limiters?: RateLimiterRegistry;
  /** Default per-node timeout. */
  timeoutMs?: number;
}

export interface ExecuteOptions {
  /** Inline credential, or a saved one's name or id. */
  credential?: InlineCredential | string;
  signal?: AbortSignal;
  timeoutMs?: number;
  logSink?: LogSink;
  state?: TriggerState;
  /** Replaces waiting between retries (the test kit records delays instead of sleeping). */
  sleep?: Sleep;
  /** Check the node's output against its schema (tests turn this on). */
  validateOutput?: boolean;
}

export interface PluginSummary {
  name: string;
  package: string;
  version: string;
  displayName: string;
  description: string;
  categories: string[];
  nodeCount: number;
  credentialTypes: string[];
  docsUrl?: string;
  icon?: string;
  source: string;
}

const DEFAULT_TIMEOUT_MS = 300_000;

/** What a run without a credential starts from; runs copy it before adding anything. */
const NO_SECRETS = new Redactor();

/** Nobody listens, so every run shares one logger that writes nothing. */
const SILENT_LOGGER = createLogger({ redactor: NO_SECRETS, sink: silentLogSink });

export interface SharedOAuthProvider extends OAuthProvider {
  /** Plugins that declare this provider, first one's URLs kept. */
  declaredBy: string[];
  /** Differences between the declarations, for the user to see; empty when they agree. */
  conflicts: string[];
}

export interface Host {
  /** Reads manifests; safe to call again to pick up newly installed plugins. */
  refresh(): Promise<void>;
  plugins(): PluginSummary[];
  manifest(name: string): Manifest | undefined;
  nodes(): ManifestNode[];
  node(key: string): ManifestNode;
  credentialTypes(): ManifestCredential[];
  credentialType(type: string): ManifestCredential;
  /** Providers merged across plugins: scopes unite; differing URLs are listed in `conflicts`. */
  oauthProviders(): SharedOAuthProvider[];
  problems(): PluginProblem[];
  /** Which plugins' code has been imported so far. */
  loadedPlugins(): string[];
  execute(nodeKey: string, input: unknown, options?: ExecuteOptions): Promise<unknown>;
  poll(nodeKey: string, input: unknown, options?: ExecuteOptions): Promise<unknown[]>;
  handleWebhook(
    nodeKey: string,
    input: unknown,
    request: WebhookRequest,
    options?: ExecuteOptions,
  ): Promise<WebhookResult<unknown>>;
  testCredential(
    credential: InlineCredential & { type: string },
    options?: ExecuteOptions,
  ): Promise<CredentialTestResult>;
  /** Parses credential data against the type's schema, naming every bad field. */
  validateCredential(type: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function createHost(options: HostOptions = {}): Promise<Host> {
  const host = new PluginHost(options);
  await host.refresh();
  return host;
}

class PluginHost implements Host {
  readonly #options: HostOptions;
  #records = new Map<string, PluginRecord>();
  #nodes = new Map<string, NodeEntry>();
  #problems: PluginProblem[] = [];
  readonly #loading = new Map<string, Promise<PluginDefinition>>();
  readonly #pools = new HostConnectionPools();
  readonly #limiters: RateLimiterRegistry;
  readonly #states = new Map<string, TriggerState>();

  constructor(options: HostOptions) {
    this.#options = options;
    this.#limiters = options.limiters ?? new RateLimiterRegistry();
  }

  async refresh(): Promise<void> {
    const records = new Map<string, PluginRecord>();
    const problems: PluginProblem[] = [];
    const add = (record: PluginRecord, origin: string) => {
      const existing = records.get(record.manifest.name);
      if (existing) {
        problems.push({
          package: record.manifest.package,
          path: origin,
          problem: `plugin name "${record.manifest.name}" is already taken by ${existing.manifest.package}${existing.dir ? ` (${existing.dir})` : ''}; this copy is skipped`,
        });
        return;
      }
      records.set(record.manifest.name, record);
    };

    for (const definition of this.#options.definitions ?? []) {
      const manifest = buildManifest(definition, {
        name: `(in memory) ${definition.name}`,
        sdkRange: `^${SDK_VERSION}`,
      });
      add({ manifest, version: '0.0.0', definition }, '(in memory)');
    }

    const found = [];
    for (const dir of this.#options.dirs ?? [])
      found.push(...(await discoverInstalledPlugins(dir)));
    for (const spec of this.#options.packages ?? []) {
      const dir = resolvePackageDir(spec, this.#options.resolveFrom ?? process.cwd());
      const pkg = dir ? await readPluginPackage(dir) : undefined;
      if (!pkg) {
        problems.push({
          package: spec,
          path: dir ?? spec,
          problem: dir
            ? 'package.json does not list the "knotwork-plugin" keyword'
            : 'package not found: install it or give its folder',
        });
        continue;
      }
      found.push(pkg);
    }
    const unique = [...new Map(found.map((pkg) => [pkg.dir, pkg])).values()];
    // Read in parallel, add in discovery order: which duplicate wins stays deterministic.
    const results = await Promise.all(unique.map(readPluginRecord));
    results.forEach((result, index) => {
      if (result.ok) add(result.record, unique[index]!.dir);
      else problems.push(result.problem);
    });

    const nodes = new Map<string, NodeEntry>();
    for (const record of records.values()) {
      for (const node of record.manifest.nodes) {
        nodes.set(node.key, {
          record,
          manifest: node,
          emit: notATrigger(node.key),
          identity: Object.freeze({ plugin: record.manifest.name, key: node.key }),
        });
      }
    }
    this.#records = records;
    this.#nodes = nodes;
    this.#problems = problems;
  }

  plugins(): PluginSummary[] {
    return [...this.#records.values()]
      .map(({ manifest, version, dir }) => ({
        name: manifest.name,
        package: manifest.package,
        version,
        displayName: manifest.displayName,
        description: manifest.description,
        categories: manifest.categories,
        nodeCount: manifest.nodes.length,
        credentialTypes: manifest.credentials.map((credential) => credential.type),
        ...(manifest.docsUrl ? { docsUrl: manifest.docsUrl } : {}),
        ...(manifest.icon ? { icon: manifest.icon } : {}),
        source: dir ?? '(in memory)',
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  manifest(name: string): Manifest | undefined {
    return this.#records.get(name)?.manifest;
  }

  nodes(): ManifestNode[] {
    return [...this.#nodes.values()]
      .map((entry) => entry.manifest)
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  node(key: string): ManifestNode {
    return this.#nodeEntry(key).manifest;
  }

  credentialTypes(): ManifestCredential[] {
    return [...this.#records.values()].flatMap((record) => record.manifest.credentials);
  }

  credentialType(type: string): ManifestCredential {
    const found = this.credentialTypes().find((credential) => credential.type === type);
    if (found) return found;
    const suggestions = closestNames(
      type,
      this.credentialTypes().map((credential) => credential.type),
    );
    throw new IntegrationError({
      service: 'knotwork',
      code: 'unknown_credential_type',
      message: `No credential type "${type}" is installed`,
      hint: suggestions.length
        ? `Did you mean ${suggestions.join(', ')}?`
        : 'List the installed credential types with `knotwork plugins list`.',
    });
  }

  oauthProviders(): SharedOAuthProvider[] {
    const byKey = new Map<string, SharedOAuthProvider>();
    for (const record of this.#records.values()) {
      for (const provider of record.manifest.oauthProviders) {
        const existing = byKey.get(provider.key);
        if (!existing) {
          byKey.set(provider.key, {
            ...provider,
            scopes: { ...provider.scopes },
            defaultScopes: [...provider.defaultScopes],
            declaredBy: [record.manifest.name],
            conflicts: [],
          });
          continue;
        }
        for (const field of ['authorizationUrl', 'tokenUrl', 'revocationUrl'] as const) {
          if (provider[field] !== existing[field]) {
            existing.conflicts.push(
              `${record.manifest.name} declares ${field} ${provider[field] ?? '(none)'}, but ${existing.declaredBy[0]} declares ${existing[field] ?? '(none)'}`,
            );
          }
        }
        existing.declaredBy.push(record.manifest.name);
        existing.defaultScopes = [
          ...new Set([...existing.defaultScopes, ...provider.defaultScopes]),
        ];
        // Each plugin brings the scope sets of its own features (google: drive, sheets, gmail).
        for (const [feature, scopes] of Object.entries(provider.scopes)) {
          existing.scopes[feature] = [...new Set([...(existing.scopes[feature] ?? []), ...scopes])];
        }
      }
    }
    return [...byKey.values()];
  }

  problems(): PluginProblem[] {
    return [...this.#problems];
  }

  loadedPlugins(): string[] {
    return [...this.#records.values()]
      .filter((record) => record.definition)
      .map((record) => record.manifest.name);
  }

  execute(nodeKey: string, input: unknown, options: ExecuteOptions = {}): Promise<unknown> {
    return this.#invoke(nodeKey, input, options, 'run', runAction);
  }

  async poll(nodeKey: string, input: unknown, options: ExecuteOptions = {}): Promise<unknown[]> {
    const items: unknown[] = [];
    const returned = (await this.#invoke(
      nodeKey,
      input,
      options,
      'poll',
      async (node, ctx, parsed) => {
        if (!node.poll) throw wrongKind(nodeKey, node, 'poll');
        // A poll hands what it finds to this call, not to the engine.
        ctx.emit = (more) => {
          items.push(...more);
        };
        return node.poll(ctx, parsed);
      },
    )) as unknown[];
    return [...items, ...(returned ?? [])];
  }

  async handleWebhook(
    nodeKey: string,
    input: unknown,
    request: WebhookRequest,
    options: ExecuteOptions = {},
  ): Promise<WebhookResult<unknown>> {
    return (await this.#invoke(nodeKey, input, options, 'webhook', async (node, ctx, parsed) => {
      if (!node.webhook) throw wrongKind(nodeKey, node, 'webhook');
      return node.webhook(ctx, parsed, request);
    })) as WebhookResult<unknown>;
  }

  async validateCredential(
    type: string,
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { plugin, definition } = await this.#credentialDefinition(type);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw invalidInputError(plugin.name, `Credential of type ${type}`, parsed.error.issues);
    }
    return parsed.data as Record<string, unknown>;
  }

  async #credentialDefinition(type: string) {
    const manifest = this.credentialType(type);
    const pluginName = manifest.type.slice(0, manifest.type.indexOf('.'));
    const record = this.#records.get(pluginName)!;
    const plugin = await this.#load(record);
    const definition = plugin.credentials.find((candidate) => candidate.key === manifest.key);
    if (!definition) {
      throw new IntegrationError({
        service: plugin.name,
        code: 'stale_manifest',
        message: `${record.manifest.package} lists credential type ${type} in its manifest, but its code has no such credential`,
        hint: 'The manifest is stale: rebuild the plugin (knotwork-plugin manifest) or reinstall it.',
      });
    }
    return { manifest, plugin, definition };
  }

  async testCredential(
    credential: InlineCredential & { type: string },
    options: ExecuteOptions = {},
  ): Promise<CredentialTestResult> {
    const { manifest, plugin, definition } = await this.#credentialDefinition(credential.type);
    const probe = { credentials: [definition] } as unknown as NodeDefinition;
    let redactor = new Redactor();
    let run: RunScope | undefined;
    try {
      const bound = (await bindCredential(plugin, probe, manifest.type, credential, undefined))!;
      redactor = new Redactor(bound.redactor);
      const scope = new RunScope(
        options.signal,
        options.timeoutMs ?? this.#options.timeoutMs ?? 30_000,
      );
      run = scope;
      const signal = scope.signal;
      const logger = createLogger({
        redactor,
        sink: options.logSink ?? this.#options.logSink ?? silentLogSink,
        level: this.#options.logLevel ?? 'info',
        bindings: { credentialType: manifest.type },
      });
      const http = this.#httpClient(plugin, bound, scope, logger, redactor, options.sleep);
      const result = await run.settle(
        definition.test({
          credential: bound.resolved,
          http,
          logger,
          signal,
          addSecret: (value) => redactor.add(value),
        }),
      );
      return {
        ...result,
        message: redactor.redact(result.message),
        ...(result.hint ? { hint: redactor.redact(result.hint) } : {}),
      };
    } catch (error) {
      const mapped = toIntegrationErrorFrom(error, plugin.name, options.signal).mapStrings((text) =>
        redactor.redact(text),
      );
      return { ok: false, message: mapped.message, hint: mapped.hint };
    } finally {
      run?.dispose();
    }
  }

  async close(): Promise<void> {
    await this.#pools.closeAll();
  }

  #nodeEntry(key: string) {
    const entry = this.#nodes.get(key);
    if (entry) return entry;
    const suggestions = closestNames(key, this.#nodes.keys());
    throw new IntegrationError({
      service: 'knotwork',
      code: 'unknown_node',
      message: `No node "${key}" is installed`,
      hint: suggestions.length
        ? `Did you mean ${suggestions.join(', ')}?`
        : key.includes('.')
          ? `Install the plugin that provides it, or list nodes with \`knotwork nodes list\`.`
          : 'Node keys look like plugin.node, e.g. slack.sendMessage.',
    });
  }

  #load(record: PluginRecord): Promise<PluginDefinition> {
    if (record.definition) return Promise.resolve(record.definition);
    let loading = this.#loading.get(record.manifest.name);
    if (!loading) {
      loading = importPlugin(record).then((definition) => {
        record.definition = definition;
        return definition;
      });
      loading.catch(() => this.#loading.delete(record.manifest.name));
      this.#loading.set(record.manifest.name, loading);
    }
    return loading;
  }

  async #invoke(
    nodeKey: string,
    input: unknown,
    options: ExecuteOptions,
    entryName: 'run' | 'poll' | 'webhook',
    call: (
      node: NodeDefinition,
      ctx: RunContext,
      parsed: unknown,
      nodeKey: string,
    ) => Promise<unknown>,
  ): Promise<unknown> {
    const entry = this.#nodeEntry(nodeKey);
    const { record } = entry;
    const plugin = record.definition ?? (await this.#load(record));
    const node = entry.plugin === plugin ? entry.node : findNode(plugin, nodeKey);
    if (!node) {
      throw new IntegrationError({
        service: plugin.name,
        code: 'stale_manifest',
        message: `${record.manifest.package} lists ${nodeKey} in its manifest, but its code has no such node`,
        hint: 'The manifest is stale: rebuild the plugin (knotwork-plugin manifest) or reinstall it.',
      });
    }
    entry.plugin = plugin;
    entry.node = node;
    // Until a credential is bound there is no secret to mask.
    let redactor = NO_SECRETS;
    let run: RunScope | undefined;
    try {
      let bound: BoundCredential | undefined;
      if (options.credential !== undefined || isCredentialRequired(node)) {
        if (options.credential === undefined) throw credentialRequired(plugin, node, nodeKey);
        bound =
          typeof options.credential === 'string'
            ? await bindCredential(
                plugin,
                node,
                nodeKey,
                options.credential,
                this.#options.credentialResolver,
              )
            : bindInlineCredential(plugin, node, nodeKey, options.credential);
      }
      const runRedactor = new Redactor(bound?.redactor ?? NO_SECRETS);
      redactor = runRedactor;
      const parsed = node.input.safeParse(input);
      if (!parsed.success)
        throw invalidInputError(plugin.name, `Input of ${nodeKey}`, parsed.error.issues);

      const scope = new RunScope(
        options.signal,
        options.timeoutMs ?? node.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      run = scope;
      const sink = options.logSink ?? this.#options.logSink ?? silentLogSink;
      const logger =
        sink === silentLogSink
          ? SILENT_LOGGER
          : createLogger({
              redactor: runRedactor,
              sink,
              level: this.#options.logLevel ?? 'info',
              bindings: { node: nodeKey },
            });
      const ctx = new RunContext({
        credential: bound?.resolved,
        logger,
        state: options.state ?? this.#stateFor(nodeKey),
        emit: entry.emit,
        connections: bound
          ? this.#pools.scoped(plugin.name, poolOwner(bound), bound.revision)
          : this.#pools.scoped(plugin.name, '-'),
        node: entry.identity,
        scope,
        redactor: runRedactor,
        sleep: options.sleep,
        makeHttp: () => this.#httpClient(plugin, bound, scope, logger, runRedactor, options.sleep),
      });
      const output = await run.settle(call(node, ctx, parsed.data, nodeKey));
      if (options.validateOutput && entryName === 'run')
        checkOutput(plugin.name, nodeKey, node, output);
      return runRedactor.size > 0 ? runRedactor.redactValue(output) : output;
    } catch (error) {
      const mapped = toIntegrationErrorFrom(error, plugin.name, options.signal);
      throw redactor.size > 0 ? mapped.mapStrings((text) => redactor.redact(text)) : mapped;
    } finally {
      run?.dispose();
    }
  }

  /**
   * A run's HTTP client: the plugin's policy, the credential's base URL and auth, and the
   * run's cancellation and deadline. Optional settings are set only when present
   * (spreading `{ [key]: value }` objects took V8's slow path for computed keys).
   */
  #httpClient(
    plugin: PluginDefinition,
    bound: BoundCredential | undefined,
    scope: RunScope,
    logger: Logger,
    redactor: Redactor,
    sleep: Sleep | undefined,
  ): HttpClient {
    const options: HttpClientOptions = {
      service: plugin.name,
      policy: plugin.policy,
      limiters: this.#limiters,
      credentialKey: bound?.resolved.id ?? bound?.resolved.type ?? 'anonymous',
      signal: scope.signal,
      onCancel: (listener) => scope.onCancel(listener),
      signalDeadline: scope.deadline,
      logger,
    };
    if (bound) {
      const baseUrl = baseUrlOf(bound.definition, bound.resolved.data);
      if (baseUrl !== undefined) options.baseUrl = baseUrl;
      options.auth = credentialAuth(bound, plugin.oauthProviders, redactor);
    }
    if (sleep) options.sleep = sleep;
    return createHttpClient(options);
  }

  /** One store per node for the host's lifetime; its accessor is built once, not per run. */
  #stateFor(nodeKey: string): TriggerState {
    let state = this.#states.get(nodeKey);
    if (!state) {
      state = memoryState();
      this.#states.set(nodeKey, state);
    }
    return state;
  }
}

async function importPlugin(record: PluginRecord): Promise<PluginDefinition> {
  const entry = record.entry!;
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  } catch (error) {
    throw new IntegrationError({
      service: record.manifest.name,
      code: 'plugin_load_failed',
      message: `Could not import ${record.manifest.package} from ${entry}: ${(error as Error).message}`,
      hint: 'Reinstall or rebuild the plugin package.',
      cause: error,
    });
  }
  if (!isPluginDefinition(module.default)) {
    throw new IntegrationError({
      service: record.manifest.name,
      code: 'plugin_load_failed',
      message: `${entry} does not default-export definePlugin({...})`,
      hint: 'The plugin package is broken: its entry must `export default definePlugin(...)`.',
    });
  }
  if (module.default.name !== record.manifest.name) {
    throw new IntegrationError({
      service: record.manifest.name,
      code: 'plugin_load_failed',
      message: `${entry} defines plugin "${module.default.name}" but its manifest says "${record.manifest.name}"`,
      hint: 'The manifest is stale: rebuild the plugin (knotwork-plugin manifest).',
    });
  }
  return module.default;
}

function resolvePackageDir(spec: string, from: string): string | undefined {
  if (spec.startsWith('.') || isAbsolute(spec)) return resolve(from, spec);
  try {
    const require = createRequire(join(from, 'noop.js'));
    return dirname(require.resolve(`${spec}/package.json`));
  } catch {
    return undefined;
  }
}

/** Not async: an action's own promise is settled on directly, without a wrapper around it. */
function runAction(
  node: NodeDefinition,
  ctx: NodeContext<unknown>,
  parsed: unknown,
  nodeKey: string,
): Promise<unknown> {
  if (!node.run) throw wrongKind(nodeKey, node, 'run');
  // A plain value from a run that is not async is fine too.
  return Promise.resolve(node.run(ctx, parsed));
}

interface NodeEntry {
  record: PluginRecord;
  manifest: ManifestNode;
  /** The plugin code last found for this node and its definition, so runs skip the lookup. */
  plugin?: PluginDefinition;
  node?: NodeDefinition;
  /** What an action's `ctx.emit` does; one per node rather than one per run. */
  emit: (items: unknown[]) => void;
  /** `ctx.node`, one per node rather than one per run. */
  identity: Readonly<{ plugin: string; key: string }>;
}

function findNode(plugin: PluginDefinition, nodeKey: string): NodeDefinition | undefined {
  const localKey = nodeKey.slice(plugin.name.length + 1);
  return plugin.nodes.find((candidate) => candidate.key === localKey);
}

function notATrigger(nodeKey: string) {
  return () => {
    throw new TypeError(`${nodeKey} is not a trigger: return the output instead of emitting it`);
  };
}

function toIntegrationErrorFrom(
  error: unknown,
  service: string,
  runSignal?: AbortSignal,
): IntegrationError {
  if (isIntegrationError(error)) return error as IntegrationError;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError') {
    return new IntegrationError({
      service,
      code: 'timeout',
      message: `The ${service} node ran out of time`,
      hint: 'The node exceeded its timeout: raise the timeout or reduce the work per run.',
      retryable: true,
    });
  }
  // The caller may abort with any reason (`controller.abort(new Error('stopped'))`): still a cancel.
  if (name === 'AbortError' || runSignal?.aborted) {
    return new IntegrationError({
      service,
      code: 'cancelled',
      message: `The ${service} node was cancelled`,
      hint: 'The run was stopped before the node finished.',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new IntegrationError({
    service,
    code: 'node_failed',
    message: `The ${service} node failed: ${message}`,
    hint: `This looks like a bug in the ${service} plugin: report it with the message above.`,
    cause: error,
  });
}

/**
 * Whose pool a run uses: a saved credential by id; an inline one by its type and data, so
 * two inline credentials of one type (two tenants' databases) never share a connection.
 */
function poolOwner(bound: BoundCredential): string {
  if (bound.resolved.id) return bound.resolved.id;
  const digest = createHash('sha256').update(JSON.stringify(bound.resolved.data)).digest('hex');
  return `${bound.resolved.type}#${digest.slice(0, 16)}`;
}

function credentialRequired(plugin: PluginDefinition, node: NodeDefinition, nodeKey: string) {
  const types = (node.credentials ?? []).map((credential) =>
    credentialType(plugin, credential.key),
  );
  return new IntegrationError({
    service: plugin.name,
    code: 'credential_required',
    message: `${nodeKey} needs a credential of type ${types.join(' or ')}`,
    hint: `Save one with \`knotwork credentials add ${types[0]}\` and pick it for this node.`,
  });
}

function wrongKind(nodeKey: string, node: NodeDefinition, wanted: string) {
  const has = node.run
    ? 'an action (execute it)'
    : node.poll
      ? 'a polling trigger (poll it)'
      : 'a webhook trigger';
  return new IntegrationError({
    service: 'knotwork',
    code: 'wrong_node_kind',
    message: `${nodeKey} has no ${wanted} entry: it is ${has}`,
    hint: 'Use the call that matches the node kind.',
  });
}

function checkOutput(service: string, nodeKey: string, node: NodeDefinition, output: unknown) {
  const result = node.output.safeParse(output);
  if (!result.success) {
    const list = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(output)'}: ${issue.message}`)
      .join('; ');
    throw new IntegrationError({
      service,
      code: 'invalid_output',
      message: `${nodeKey} returned output that does not match its schema: ${list}`,
      hint: 'The plugin and its output schema disagree: fix one of them.',
    });
  }
}
