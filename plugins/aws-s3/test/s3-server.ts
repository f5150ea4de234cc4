import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export const TEST_BUCKET = 'test-bucket';

export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. /test-bucket/a.txt?x-id=PutObject */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CannedResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

interface Injection {
  matches: (request: ReceivedRequest) => boolean;
  remaining: number;
  response: CannedResponse;
}

/**
 * A real S3-compatible server (s3rver, in-process, on loopback) behind a recording proxy.
 * The proxy keeps every request exactly as the node sent it, and can answer some of them
 * itself with S3's documented error bodies: s3rver accepts any secret, never throttles and
 * never fails, so signature errors, SlowDown and InternalError come from here.
 */
export async function startS3Server() {
  const directory = await mkdtemp(join(tmpdir(), 'knotwork-s3rver-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const upstream = await s3rver.run();
  const received: ReceivedRequest[] = [];
  const injections: Injection[] = [];

  const proxy = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming);
    const entry: ReceivedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body,
    };
    received.push(entry);
    const injection = injections.find(
      (candidate) => candidate.remaining > 0 && candidate.matches(entry),
    );
    if (injection) {
      injection.remaining--;
      outgoing.writeHead(injection.response.status, {
        'content-type': 'application/xml',
        ...injection.response.headers,
      });
      outgoing.end(injection.response.body ?? '');
      return;
    }
    const forward = httpRequest(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: entry.method,
        path: entry.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', (error) => outgoing.destroy(error));
    forward.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  return {
    endpoint,
    /** s3rver itself, for the tests' own setup and checks (not recorded). */
    upstreamEndpoint: `http://127.0.0.1:${upstream.port}`,
    directory,
    received,
    /** Answers the next `times` matching requests with `response` instead of s3rver. */
    inject(
      matches: (request: ReceivedRequest) => boolean,
      response: CannedResponse,
      times = 1,
    ): void {
      injections.push({ matches, response, remaining: times });
    },
    reset(): void {
      received.length = 0;
      injections.length = 0;
    },
    async close(): Promise<void> {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export type S3TestServer = Awaited<ReturnType<typeof startS3Server>>;

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}
