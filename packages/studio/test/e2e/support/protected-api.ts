import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP API on loopback that only answers requests with the right bearer token:
 * what "Test connection" and the playground's Webhook Call are pointed at.
 */
export interface ProtectedApi {
  url: string;
  /** Every request it saw, for asserting what the browser's actions sent. */
  requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

export async function startProtectedApi(
  accepts: (authorization: string | undefined) => Promise<boolean> | boolean,
): Promise<ProtectedApi> {
  const requests: ProtectedApi['requests'] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body,
    });
    response.setHeader('content-type', 'application/json');
    if (!(await accepts(request.headers.authorization))) {
      response.statusCode = 401;
      response.end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    response.end(
      JSON.stringify({ ok: true, path: request.url, received: body ? JSON.parse(body) : null }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
