import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteDeclaration } from '#shared/config/routes.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { logger } from '#shared/observability/logger.ts';
import { portTaken } from '../ports.ts';
import { toHttpApiEvent, writeResult } from './events.ts';
import { applyCors, sendGatewayAnswer, sendInternalError } from './gateway.ts';
import { Router, splitTarget } from './routing.ts';

/** API Gateway HTTP API's own limit on a request body. */
export const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;
/** How long an idle keep-alive connection stays open (a minute and a little more, past the usual clients' own timers). */
export const KEEP_ALIVE_MS = 65_000;

/** Checks a bearer token like API Gateway's JWT authorizer; returns the claims or undefined. */
export type TokenVerifier = (token: string) => Promise<Record<string, string> | undefined>;
/** Runs a route's function with an event, as API Gateway's Lambda integration does. */
export type Invoke = (handler: string, event: APIGatewayProxyEventV2) => Promise<unknown>;

/**
 * The local runtime's own routes, under `/_local/`: served by this server itself, never by a
 * function, never declared, never deployed (the time-travel clock, infra/local/clock/).
 */
export const LOCAL_PREFIX = '/_local/';
export interface LocalRequest {
  method: string;
  rawPath: string;
  body: Buffer;
}
/** Answers a `/_local/` request, or undefined for a path it does not serve (404, as for any unknown route). */
export type LocalRoutes = (request: LocalRequest) => Promise<HttpResult | undefined>;

export interface HttpServerOptions {
  routes: readonly RouteDeclaration[];
  port: number;
  verify: TokenVerifier;
  invoke: Invoke;
  corsOrigins?: readonly string[];
  local?: LocalRoutes;
}

type Body = Buffer | 'too-large' | 'gone';

/**
 * Reads a body up to the gateway's limit. Past it the answer is 413 at once, and the rest is read
 * and dropped, so that a request pipelined behind it on the same connection is still served.
 */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (Number(req.headers['content-length'] ?? 0) > API_GATEWAY_MAX_BODY) resolve('too-large');
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BODY) {
        chunks.length = 0;
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve('gone'));
    req.on('close', () => {
      if (!req.complete) resolve('gone'); // the client left mid-body: nobody to answer
    });
  });
}

const bearerOf = (header: string | undefined) => /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];

/**
 * The local stand-in for API Gateway's HTTP API: routes, JWT checks, payload 2.0 events, the
 * gateway's own answers. No request, however malformed, stops it: each failure stays in its request.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const router = new Router(options.routes);
  const clash = options.routes.find((r) => r.path.startsWith(LOCAL_PREFIX));
  if (clash) throw new Error(`${clash.path}: ${LOCAL_PREFIX} belongs to the local runtime's own routes`);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res, options.corsOrigins ?? [])) return;
    // HTTP/1.1 requires Host; the gateway's own 400 rather than Node's bare one.
    if (req.httpVersion !== '1.0' && !req.headers.host) {
      await readBody(req);
      return sendGatewayAnswer(res, 400);
    }
    const target = splitTarget(req.url ?? '/');
    const body = await readBody(req);
    if (body === 'gone') return;
    if (body === 'too-large') return sendGatewayAnswer(res, 413);
    if (options.local && target.rawPath.startsWith(LOCAL_PREFIX)) {
      const answer = await options.local({ method: req.method ?? '', rawPath: target.rawPath, body });
      if (!answer) return sendGatewayAnswer(res, 404);
      if (!res.destroyed) writeResult(res, answer);
      return;
    }
    const match = router.match(req.method ?? '', target.rawPath);
    if (match.kind === 'bad-encoding') return sendGatewayAnswer(res, 400);
    if (match.kind === 'none') return sendGatewayAnswer(res, 404);
    let claims: Record<string, string> | undefined;
    if (match.route.roles !== 'public') {
      const token = bearerOf(req.headers.authorization);
      claims = token ? await options.verify(token) : undefined;
      if (!claims) return sendGatewayAnswer(res, 401);
    }
    const event = toHttpApiEvent(req, target, body, match.route, match.params);
    if (claims) (event.requestContext as unknown as { authorizer: unknown }).authorizer = { jwt: { claims, scopes: null } };
    let result: unknown;
    try {
      result = await options.invoke(match.route.handler, event);
    } catch (error) {
      logger.error('function failed', { function: match.route.handler, errorName: (error as { errorName?: string }).errorName ?? (error as Error).name });
      return sendInternalError(res, event.requestContext.requestId);
    }
    if (!res.destroyed) writeResult(res, result);
  }

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    serve(req, res).catch((error: unknown) => {
      logger.error('local server failed a request', { errorName: (error as Error)?.name });
      sendInternalError(res, randomUUID());
    });
  });
  // Idle keep-alive connections stay open longer than clients keep theirs (undici 4 s, browsers
  // and SDKs under a minute): a client whose own idle timer is late (a busy or blocked event loop)
  // must never send its next request on a socket the server has just closed. API Gateway, too,
  // keeps an idle connection far longer than Node's default of 5 s.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // A connection that breaks or sends what is not HTTP is that connection's problem only.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify({ message: 'Bad Request' });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncache-control: no-store\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portTaken(options.port) : error));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    server,
    url: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
