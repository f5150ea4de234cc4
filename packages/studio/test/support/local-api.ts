import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalApi {
  url: string;
  /** Requests received, with their Authorization header. */
  requests: Array<{ path: string; authorization: string | undefined }>;
  /** Bodies POSTed to `/upload`, as received. */
  uploads: Array<{ contentType: string | undefined; bytes: Buffer }>;
  close(): Promise<void>;
}

/** A PNG's first bytes: enough for a download to be recognisably the file sent. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/**
 * An API on loopback that wants `Authorization: Bearer <token>`. It is careless in the ways
 * real ones are: it echoes the header it got, and its 401 quotes the token it refused, so
 * only redaction stands between the token and the browser. `/echo` answers anyone with
 * every header it received; `/upload` keeps the body it is sent and answers its size.
 */
export async function startLocalApi(token: string): Promise<LocalApi> {
  const requests: LocalApi['requests'] = [];
  const uploads: LocalApi['uploads'] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const authorization = request.headers.authorization;
    requests.push({ path, authorization });
    if (path === '/echo') {
      // Shows every header it got, whoever asks: the worst case for a secret header.
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ headers: request.headers }));
      return;
    }
    if (path === '/upload') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      uploads.push({ contentType: request.headers['content-type'], bytes });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ received: bytes.byteLength }));
      return;
    }
    if (authorization !== `Bearer ${token}`) {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `token ${authorization ?? '(none)'} is not valid` }));
      return;
    }
    if (path === '/logo.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(PNG_BYTES);
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ hello: 'world', path, sawAuthorization: authorization }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    uploads,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
