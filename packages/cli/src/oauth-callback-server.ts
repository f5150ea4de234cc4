import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IntegrationError } from '@knotwork/sdk';

export interface CallbackServer {
  /** What to register as the OAuth app's redirect URL. */
  redirectUri: string;
  /** The full callback URL (code, state, or error) once the provider sends the browser back. */
  waitForCallback(timeoutMs: number): Promise<URL>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:4rem auto;max-width:32rem"><h1>${title}</h1><p>${text}</p></body>`;

/**
 * The loopback redirect target for `knotwork credentials connect` (RFC 8252 §7.3): bound
 * to 127.0.0.1 only, answers one callback, then closes.
 */
export async function startCallbackServer(
  port: number,
  path = '/oauth/callback',
): Promise<CallbackServer> {
  let deliver: (url: URL) => void = () => {};
  const received = new Promise<URL>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((request, response) => {
    const url = new URL(
      request.url ?? '/',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    if (url.pathname !== path) {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not the knotwork OAuth callback');
      return;
    }
    const failed = url.searchParams.get('error');
    response
      .writeHead(failed ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        failed
          ? PAGE(
              'Not connected',
              'The provider did not grant access. Go back to the terminal for details.',
            )
          : PAGE('Connected', 'knotwork received the authorization. You can close this tab.'),
      );
    deliver(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new IntegrationError({
              service: 'knotwork',
              code: 'port_in_use',
              message: `Port ${port} on 127.0.0.1 is already in use, so the OAuth callback cannot listen there`,
              hint: 'Stop what uses it, or pass --port with another port (and register that redirect URL with the provider).',
            })
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    redirectUri: `http://127.0.0.1:${address.port}${path}`,
    close,
    waitForCallback: (timeoutMs) =>
      new Promise<URL>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new IntegrationError({
                service: 'knotwork',
                code: 'oauth_timeout',
                message: `No answer from the provider within ${Math.round(timeoutMs / 1000)} s`,
                hint: 'Open the printed URL in a browser and approve access, then try again.',
              }),
            ),
          timeoutMs,
        );
        received.then((url) => {
          clearTimeout(timer);
          resolve(url);
        });
      }),
  };
}
