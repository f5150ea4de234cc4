import type { ConnectionOptions } from 'node:tls';
import { IntegrationError } from '@knotwork/sdk';
import type pg from 'pg';

/** libpq's sslmode names; `prefer` and `allow` (silent fallback to plain text) are not offered. */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/** What the credential holds, as the schema outputs it. */
export interface ConnectionData {
  url?: string | undefined;
  host?: string | undefined;
  port: number;
  database?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
  ssl?: 'disable' | 'require' | 'verify-full' | undefined;
  ca?: string | undefined;
  poolSize: number;
  idleTimeoutMs: number;
  connectionTimeoutMs: number;
  preparedStatements?: boolean;
  applicationName: string;
  searchPath?: string | undefined;
}

/** Where and as whom to connect, from either the URL or the separate fields. */
export interface Target {
  host: string;
  port: number;
  database?: string;
  user?: string;
  password?: string;
  sslMode: SslMode;
  /** Query parameters of the URL that knotwork does not use, named in a warning. */
  ignoredUrlParameters: string[];
}

const URL_SSL_MODES: Record<string, SslMode | 'unsupported'> = {
  disable: 'disable',
  allow: 'unsupported',
  prefer: 'unsupported',
  require: 'require',
  // node-postgres' own name for "encrypt, do not verify".
  'no-verify': 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
};

/** URL parameters knotwork reads; anything else is reported as ignored. */
const USED_URL_PARAMETERS = new Set(['sslmode', 'host', 'port', 'user', 'password', 'dbname']);

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/**
 * Parses `postgres://user:password@host:port/database?sslmode=require` (libpq's URI form,
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS).
 * Problems are described without quoting the URL: it usually holds the password.
 */
export function parseConnectionUrl(
  text: string,
):
  | { ok: true; target: Omit<Target, 'sslMode'> & { sslMode?: SslMode } }
  | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return {
      ok: false,
      reason:
        'The connection URL cannot be read. It looks like postgres://user:password@host:5432/database; a special character in the user name or password (@ : / ? # [ ] % and spaces) must be percent-encoded, e.g. # as %23.',
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return {
      ok: false,
      reason: `The connection URL must start with postgres:// or postgresql://, not ${url.protocol}//`,
    };
  }
  let decoded: { user: string; password: string; database: string };
  try {
    decoded = {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    };
  } catch {
    return {
      ok: false,
      reason:
        'The connection URL has a broken percent-encoding (a % not followed by two hex digits) in the user name, password or database: encode % itself as %25.',
    };
  }
  const parameter = (name: string) => url.searchParams.get(name) ?? undefined;
  const sslParameter = parameter('sslmode');
  const sslMode = sslParameter === undefined ? undefined : URL_SSL_MODES[sslParameter];
  if (sslParameter !== undefined && (sslMode === undefined || sslMode === 'unsupported')) {
    return {
      ok: false,
      reason: `The connection URL asks for sslmode=${sslParameter}, which knotwork does not support: use sslmode=disable, require, verify-ca or verify-full, or leave it out and choose SSL in the credential.`,
    };
  }
  const knownSslMode = sslMode === 'unsupported' ? undefined : sslMode;
  const host = parameter('host') ?? url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(parameter('port') ?? (url.port || 5432));
  const user = parameter('user') ?? decoded.user;
  const password = parameter('password') ?? decoded.password;
  const database = parameter('dbname') ?? decoded.database;
  return {
    ok: true,
    target: {
      host: host || 'localhost',
      port,
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
      ...(database ? { database } : {}),
      ...(knownSslMode ? { sslMode: knownSslMode } : {}),
      ignoredUrlParameters: [...url.searchParams.keys()].filter(
        (name) => !USED_URL_PARAMETERS.has(name),
      ),
    },
  };
}

/** Loopback and Unix sockets: the cases where plain text is the sensible default. */
export function isLocalHost(host: string): boolean {
  return (
    host.startsWith('/') ||
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/**
 * The target the credential describes. Without an SSL choice (in the credential or the
 * URL's sslmode), a local server is reached in plain text and any other server only over
 * verified TLS: credentials never cross a network unencrypted by default.
 */
export function targetOf(data: ConnectionData): Target {
  const parsed = blank(data.url) ? undefined : parseConnectionUrl(data.url ?? '');
  if (parsed && !parsed.ok) {
    throw new IntegrationError({
      service: 'postgres',
      code: 'invalid_credential',
      message: parsed.reason,
      hint: 'Fix the connection URL in the credential.',
    });
  }
  const base: Omit<Target, 'sslMode'> & { sslMode?: SslMode } = parsed?.ok
    ? parsed.target
    : {
        host: (data.host ?? '').trim(),
        port: data.port,
        ...(blank(data.user) ? {} : { user: data.user?.trim() ?? '' }),
        ...(blank(data.password) ? {} : { password: data.password ?? '' }),
        ...(blank(data.database) ? {} : { database: data.database?.trim() ?? '' }),
        ignoredUrlParameters: [],
      };
  return {
    ...base,
    sslMode: data.ssl ?? base.sslMode ?? (isLocalHost(base.host) ? 'disable' : 'verify-full'),
  };
}

/**
 * TLS options for node-postgres, with libpq's meaning of each mode
 * (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION):
 * require encrypts without checking the certificate, unless a CA is given, in which case
 * it checks the chain like verify-ca; verify-full also checks the host name.
 */
export function tlsOptions(mode: SslMode, ca: string | undefined): false | ConnectionOptions {
  const trusted = blank(ca) ? {} : { ca };
  const chainOnly = { checkServerIdentity: () => undefined };
  switch (mode) {
    case 'disable':
      return false;
    case 'require':
      return blank(ca) ? { rejectUnauthorized: false } : { ...trusted, ...chainOnly };
    case 'verify-ca':
      return { ...trusted, ...chainOnly };
    case 'verify-full':
      return { ...trusted, rejectUnauthorized: true };
  }
}

/**
 * The node-postgres settings for one credential. The URL is parsed here rather than handed
 * to pg as `connectionString`, because pg lets a URL's sslmode replace the `ssl` object and
 * treats `require` as `verify-full` (https://node-postgres.com/features/ssl).
 */
export function poolConfig(data: ConnectionData, target: Target = targetOf(data)): pg.PoolConfig {
  return {
    host: target.host,
    port: target.port,
    ...(target.user ? { user: target.user } : {}),
    ...(target.password ? { password: target.password } : {}),
    // libpq's default: the database named after the user.
    ...(target.database || target.user ? { database: target.database ?? target.user } : {}),
    ssl: tlsOptions(target.sslMode, data.ca),
    max: data.poolSize,
    idleTimeoutMillis: data.idleTimeoutMs,
    connectionTimeoutMillis: data.connectionTimeoutMs,
    application_name: data.applicationName,
    // Sent in the startup packet, so every pooled session starts with it
    // (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-OPTIONS).
    ...(blank(data.searchPath)
      ? {}
      : { options: `-c search_path=${(data.searchPath ?? '').replace(/\s+/g, '')}` }),
    keepAlive: true,
  };
}
