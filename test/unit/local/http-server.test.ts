import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/observability/logger.ts';
import { routes } from '#shared/config/routes.ts';
import { startHttpServer, API_GATEWAY_MAX_BODY, KEEP_ALIVE_MS } from '#infra/local/http/server.ts';

/**
 * The local stand-in for API Gateway, probed the way an outsider would: malformed targets, broken
 * encodings, clients that leave, bodies over the gateway's limit, functions that fail. Whatever
 * comes, the server answers that request (or nobody, if the client left) and keeps serving.
 */
let server: Awaited<ReturnType<typeof startHttpServer>>;
let port: number;
const invoked: { handler: string; path: string }[] = [];

beforeAll(async () => {
  server = await startHttpServer({
    routes,
    port: 0,
    verify: async (token) => (token === 'good' ? { sub: 'u', 'cognito:groups': '[fund_admin]' } : undefined),
    invoke: async (handler, event) => {
      invoked.push({ handler, path: event.rawPath });
      if (event.rawPath.endsWith('/explode')) throw Object.assign(new Error('boom'), { errorName: 'Runtime.ExitError' });
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, params: event.pathParameters ?? null, domain: event.requestContext.domainName, proto: event.headers['x-forwarded-proto'] }) };
    },
  });
  port = Number(new URL(server.url).port);
});
afterAll(() => server?.stop());

/** Writes raw bytes on one connection and collects everything the server sends back until it closes or goes quiet. */
function raw(chunks: (string | Buffer)[], options: { endAfterMs?: number; destroyAfterWrite?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let quiet: NodeJS.Timeout;
    const done = () => {
      clearTimeout(quiet);
      socket.destroy();
      resolve(received);
    };
    const arm = () => {
      clearTimeout(quiet);
      quiet = setTimeout(done, options.endAfterMs ?? 400);
    };
    socket.on('data', (d) => {
      received += d.toString('latin1');
      arm();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (options.destroyAfterWrite) {
        socket.destroy();
        resolve('');
      } else arm();
    });
  });
}

const statusLines = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));

async function stillServing() {
  const res = await fetch(`${server.url}/openapi.json`);
  expect(res.status).toBe(200);
}

describe('the local API server', () => {
  it('answers a path that is not valid percent-encoding 400, as API Gateway does, with or without a token', async () => {
    for (const path of ['/persons/%E0%A4%A', '/applications/%', '/persons/%ZZ/policy']) {
      for (const headers of [{}, { authorization: 'Bearer good' }] as Record<string, string>[]) {
        const res = await fetch(`${server.url}${path}`, { headers });
        expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 400, body: { message: 'Bad Request' } });
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
    await stillServing();
  });

  it('answers request targets a URL parser rejects, and keeps serving', async () => {
    for (const target of ['//[', '//[::1', 'http://[/x', '/\u0000', '*', '/openapi.json#frag']) {
      const answer = await raw([`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`]);
      expect(statusLines(answer).length, target).toBe(1);
      expect([200, 400, 404], target).toContain(statusLines(answer)[0]);
    }
    await stillServing();
  });

  it('serves nobody when a client leaves in the middle of a body, plain or chunked, and keeps serving', async () => {
    const before = invoked.length;
    await raw(['POST /applications HTTP/1.1\r\nHost: x\r\nauthorization: Bearer good\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"channel":'], { destroyAfterWrite: true });
    await raw(['POST /applications HTTP/1.1\r\nHost: x\r\nauthorization: Bearer good\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nb\r\n{"channel":\r\n'], { destroyAfterWrite: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(invoked.length).toBe(before);
    await stillServing();
  });

  it('answers 413 over 10 MB and still serves the next request pipelined on the same connection', async () => {
    const big = Buffer.alloc(API_GATEWAY_MAX_BODY + 1, 0x20);
    const head = `POST /verifications HTTP/1.1\r\nHost: x\r\nauthorization: Bearer good\r\ncontent-type: application/json\r\ncontent-length: ${big.length}\r\n\r\n`;
    const next = 'GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n';
    expect(statusLines(await raw([head, big, next], { endAfterMs: 1500 }))).toEqual([413, 200]);
    // The same without a declared length: chunked, counted as it arrives.
    const chunked = `POST /verifications HTTP/1.1\r\nHost: x\r\nauthorization: Bearer good\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n${big.length.toString(16)}\r\n`;
    expect(statusLines(await raw([chunked, big, '\r\n0\r\n\r\n', next], { endAfterMs: 1500 }))).toEqual([413, 200]);
  });

  it('contains a function that fails to its own request: a 500 problem+json and a log line, then business as usual', async () => {
    const logged = vi.spyOn(logger, 'error');
    try {
      const res = await fetch(`${server.url}/persons/explode`, { headers: { authorization: 'Bearer good' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 500, code: 'internal-error' });
      expect(logged).toHaveBeenCalledWith('function failed', { function: 'persons/get-person', errorName: 'Runtime.ExitError' });
    } finally {
      logged.mockRestore();
    }
    await stillServing();
  });

  it("answers what API Gateway answers itself: 401 without a valid token, 404 for an unknown route, both no-store", async () => {
    for (const [path, init, status, message] of [
      ['/persons/01KAT8D4R0X1Z9E3JH2Q7M5V6B', {}, 401, 'Unauthorized'],
      ['/persons/01KAT8D4R0X1Z9E3JH2Q7M5V6B', { headers: { authorization: 'Bearer forged' } }, 401, 'Unauthorized'],
      ['/nowhere', {}, 404, 'Not Found'],
      ['/applications', { method: 'DELETE' }, 404, 'Not Found'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, init);
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status, body: { message } });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('decodes path parameters as API Gateway does, and tells functions the scheme and its own domain, whatever Host says', async () => {
    const answer = await raw([`GET /persons/a%20b HTTP/1.1\r\nHost: evil.example.com\r\nauthorization: Bearer good\r\nconnection: close\r\n\r\n`]);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, ''));
    expect(body).toEqual({ ok: true, params: { personId: 'a b' }, domain: `127.0.0.1:${port}`, proto: 'http' });
  });

  it('keeps an idle connection open past the clients\' own keep-alive timers, so a late client never reuses a closed socket', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    await res.arrayBuffer();
    // the server tells clients how long it keeps the connection (Node's default would say 5)
    expect(KEEP_ALIVE_MS).toBeGreaterThanOrEqual(60_000);
    expect(res.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
  });

  it("answers a request without Host as API Gateway would, in the gateway's format", async () => {
    const answer = await raw(['GET /openapi.json HTTP/1.1\r\n\r\n']);
    expect(statusLines(answer)).toEqual([400]);
    expect(answer).toContain('{"message":"Bad Request"}');
  });
});
