import type { Redactor } from './redactor.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  message: string;
  time: string;
  fields?: Record<string, unknown>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (record: LogRecord) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that passes every message and field through the redactor before the sink sees it. */
export function createLogger(options: {
  redactor: Redactor;
  sink: LogSink;
  level?: LogLevel;
  bindings?: Record<string, unknown>;
}): Logger {
  // Nobody listens: no record is ever written, whatever the level or bindings, so every
  // run can share one logger instead of building its closures.
  if (options.sink === silentLogSink) return silentLogger;
  const threshold = LEVELS[options.level ?? 'info'];
  const bindings = options.bindings ?? {};
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const merged = fields ? { ...bindings, ...fields } : bindings;
    const record: LogRecord = {
      level,
      message: options.redactor.redact(message),
      time: new Date().toISOString(),
    };
    if (Object.keys(merged).length > 0) {
      record.fields = options.redactor.redactValue(toPlain(merged)) as Record<string, unknown>;
    }
    options.sink(record);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger({ ...options, bindings: { ...bindings, ...fields } }),
  };
}

/** Errors are not plain objects; turn them into their visible parts so they can be redacted. */
function toPlain(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    plain[key] =
      value instanceof Error
        ? {
            name: value.name,
            message: value.message,
            ...('code' in value ? { code: value.code } : {}),
          }
        : value;
  }
  return plain;
}

export const silentLogSink: LogSink = () => {};

const ignore = () => {};
const silentLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
});

/** One JSON line per record on stderr: what the CLI and servers use. */
export const stderrLogSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`);
};
