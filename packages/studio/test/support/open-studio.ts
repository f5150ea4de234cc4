import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createStudioServer, type StudioOptions } from '../../src/index.js';

/** The studio package: its node_modules hold the webhook, slack and postgres plugins. */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const masterKey = Buffer.alloc(32, 5).toString('base64');

export interface Studio {
  app: FastifyInstance;
  env: NodeJS.ProcessEnv;
  /** Every answer so far, body and headers, for the "no secret anywhere" checks. */
  seen: string[];
  /** Every request so far, method and URL. */
  requests: Array<{ method: string; url: string }>;
  /** Lines the server logged. */
  logged: string[];
  csrfToken: string;
  /** A request as the web app sends it: CSRF header, JSON body. */
  api(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** A request exactly as given (for CSRF and auth refusals). */
  raw(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A studio over a fresh, real SQLite credentials store in a temporary KNOTWORK_HOME. */
export async function openStudio(options: StudioOptions = {}): Promise<Studio> {
  const home = await mkdtemp(join(tmpdir(), 'knotwork-studio-'));
  const env: NodeJS.ProcessEnv = {
    KNOTWORK_HOME: home,
    KNOTWORK_MASTER_KEY: masterKey,
    KNOTWORK_KEY_SOURCE: 'env',
    ...options.env,
  };
  const logged: string[] = [];
  const app = await createStudioServer({
    dirs: [packageDir],
    webRoot: join(home, 'web-not-built'),
    log: (line) => logged.push(line),
    ...options,
    env,
  });
  const seen: string[] = [];
  const requests: Studio['requests'] = [];
  const raw = async (request: InjectOptions) => {
    requests.push({ method: String(request.method ?? 'GET'), url: String(request.url) });
    const response = await app.inject(request);
    seen.push(`${response.payload}\n${JSON.stringify(response.headers)}`);
    return response;
  };
  const bearer = options.authToken ? { authorization: `Bearer ${options.authToken}` } : {};
  const session = (await raw({ method: 'GET', url: '/api/session', headers: bearer })).json();
  const csrfToken: string = session.csrfToken ?? '';
  return {
    app,
    env,
    seen,
    requests,
    logged,
    csrfToken,
    raw,
    api: (method, url, body, headers = {}) =>
      raw({
        method,
        url,
        headers: {
          'x-knotwork-csrf': csrfToken,
          ...bearer,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
    close: () => app.close(),
  };
}
