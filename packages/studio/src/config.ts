import { IntegrationError } from '@knotwork/sdk';

export const DEFAULT_PORT = 5678;
export const DEFAULT_HOST = '127.0.0.1';
/** Long enough that guessing it over the network is hopeless. */
const MIN_TOKEN_LENGTH = 16;

export interface StudioConfig {
  host: string;
  port: number;
  /** Required on a non-loopback host; optional (and then enforced) on loopback. */
  authToken: string | undefined;
  /** Bound to this machine only: the Host header must name it too (DNS rebinding). */
  loopback: boolean;
}

export interface NetworkOptions {
  host?: string;
  port?: number | string;
  authToken?: string;
  env?: NodeJS.ProcessEnv;
}

/** Flags first, then KNOTWORK_HOST / KNOTWORK_PORT / KNOTWORK_AUTH_TOKEN, then defaults. */
export function resolveStudioConfig(options: NetworkOptions): StudioConfig {
  const env = options.env ?? process.env;
  const host = options.host || env.KNOTWORK_HOST || DEFAULT_HOST;
  const port = parsePort(options.port ?? (env.KNOTWORK_PORT || DEFAULT_PORT));
  const authToken = options.authToken || env.KNOTWORK_AUTH_TOKEN || undefined;
  const loopback = isLoopbackHost(host);
  if (!loopback && !authToken) {
    throw new IntegrationError({
      service: 'studio',
      code: 'auth_token_required',
      message: `Refusing to serve on ${host} without KNOTWORK_AUTH_TOKEN: anyone who can reach it could use your saved credentials`,
      hint: 'Set KNOTWORK_AUTH_TOKEN to a long random value (e.g. `openssl rand -hex 24`), or serve on 127.0.0.1 (the default).',
    });
  }
  if (authToken !== undefined && authToken.length < MIN_TOKEN_LENGTH) {
    throw new IntegrationError({
      service: 'studio',
      code: 'auth_token_too_short',
      message: `KNOTWORK_AUTH_TOKEN is ${authToken.length} characters; it needs at least ${MIN_TOKEN_LENGTH}`,
      hint: 'Use a long random value, e.g. `openssl rand -hex 24`.',
    });
  }
  return { host, port, authToken, loopback };
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

function parsePort(value: number | string): number {
  const port = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || String(value).trim() === '') {
    throw new IntegrationError({
      service: 'studio',
      code: 'invalid_port',
      message: `"${value}" is not a port number`,
      hint: `Give --port (or KNOTWORK_PORT) a number from 1 to 65535, e.g. ${DEFAULT_PORT}.`,
    });
  }
  return port;
}
