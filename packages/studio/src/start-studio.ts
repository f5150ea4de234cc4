import { IntegrationError } from '@knotwork/sdk';
import type { FastifyInstance } from 'fastify';
import { resolveStudioConfig } from './config.js';
import { createStudioServer, type StudioOptions } from './create-studio-server.js';

export interface StartStudioOptions extends StudioOptions {
  /** Where the URL is announced (default stdout). */
  print?: (text: string) => void;
}

export interface RunningStudio {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Listens and prints the URL; a busy port or a refused host is a clear error, not a stack. */
export async function startStudio(options: StartStudioOptions = {}): Promise<RunningStudio> {
  const config = resolveStudioConfig(options);
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const app = await createStudioServer(options);
  let port: number;
  try {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
  } catch (error) {
    await app.close();
    throw listenError(error, config.host, config.port);
  }
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  print(
    `knotwork studio is running at ${url}\n${config.authToken ? 'Sign in with the value of KNOTWORK_AUTH_TOKEN.\n' : ''}Press Ctrl+C to stop.\n`,
  );
  return { app, url, close: () => app.close() };
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new IntegrationError({
      service: 'studio',
      code: 'port_in_use',
      message: `Port ${port} on ${host} is already in use (another studio, or another program)`,
      hint: `Pick another port: knotwork serve --port ${port === 65_535 ? 5679 : port + 1} (or set KNOTWORK_PORT).`,
    });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new IntegrationError({
      service: 'studio',
      code: 'host_unavailable',
      message: `Cannot listen on ${host}: no network interface of this machine has that address`,
      hint: 'Use 127.0.0.1 (the default), or an address this machine has (--host or KNOTWORK_HOST).',
    });
  }
  if (code === 'EACCES') {
    return new IntegrationError({
      service: 'studio',
      code: 'port_not_allowed',
      message: `Not allowed to listen on port ${port}`,
      hint: 'Ports below 1024 need privileges: use --port 5678 (or set KNOTWORK_PORT).',
    });
  }
  return error;
}
