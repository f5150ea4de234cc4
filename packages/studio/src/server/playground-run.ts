import type { Host } from '@knotwork/host';
import { isIntegrationError, type LogRecord, memoryState } from '@knotwork/sdk';
import type { LogLine, RunResponse } from './api-schemas.js';
import { withBinaryRefs } from './binary-refs.js';
import type { BinaryStore } from './binary-store.js';
import { failureOf } from './integration-failure.js';

/** A chatty node must not fill the answer (or the server's memory) with log lines. */
const MAX_LOG_LINES = 500;

export interface PlaygroundRun {
  nodeKey: string;
  kind: 'action' | 'polling';
  input: unknown;
  /** A saved credential's id, resolved by the host through the credentials manager. */
  credentialId?: string;
  signal: AbortSignal;
  /** Masks secrets in produced files (the JSON answer is redacted by the caller). */
  cleanFile?: (bytes: Uint8Array, mimeType: string) => Uint8Array;
}

/**
 * Runs one node the way a workflow would, capturing its (already redacted) log lines; a
 * polling trigger runs one poll with fresh state, so it shows what a first poll finds.
 */
export async function runInPlayground(
  host: Host,
  binaries: BinaryStore,
  run: PlaygroundRun,
): Promise<RunResponse> {
  const logs: LogLine[] = [];
  const logSink = (record: LogRecord) => {
    if (logs.length < MAX_LOG_LINES) {
      logs.push({ level: record.level, message: record.message, fields: record.fields ?? {} });
    }
  };
  const options = {
    ...(run.credentialId ? { credential: run.credentialId } : {}),
    signal: run.signal,
    logSink,
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const output =
      run.kind === 'polling'
        ? { items: await host.poll(run.nodeKey, run.input, { ...options, state: memoryState() }) }
        : await host.execute(run.nodeKey, run.input, options);
    const ready = await withBinaryRefs(output, binaries, run.cleanFile);
    return { ok: true, output: ready.value, binaries: ready.binaries, logs, durationMs: elapsed() };
  } catch (error) {
    if (!isIntegrationError(error)) throw error;
    return { ok: false, error: failureOf(error), logs, durationMs: elapsed() };
  }
}
