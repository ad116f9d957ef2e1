import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORS } from '#shared/config/cors.ts';
import type { RouteDeclaration } from '#shared/config/routes.ts';
import { portTaken } from './ports.ts';
import { lambdaContext, loadHandler, type AnyHandler } from './handlers.ts';

/** API Gateway HTTP API's own limit on a request body. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDeclaration;
  pattern: RegExp;
  names: string[];
  handler: AnyHandler;
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}+]+)\+?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Builds the payload format 2.0 event API Gateway would send for this request. */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, route: CompiledRoute, params: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const routeKey = `${route.route.method} ${route.route.path}`;
  const now = new Date();
  const textual = /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded)/i.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Writes a Lambda result back the way API Gateway does, including its inference for bare values. */
function writeResult(res: ServerResponse, result: unknown): void {
  const structured: APIGatewayProxyStructuredResultV2 =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
  for (const [k, v] of Object.entries(structured.headers ?? {})) res.setHeader(k, String(v));
  if (structured.cookies?.length) res.setHeader('set-cookie', structured.cookies);
  res.statusCode = structured.statusCode ?? 200;
  const body = structured.body ?? '';
  res.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function sendGatewayError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
}

/** Checks a bearer token like API Gateway's JWT authorizer; returns the claims or undefined. */
export type TokenVerifier = (token: string) => Promise<Record<string, string> | undefined>;

/** What API Gateway's CORS configuration does: answer preflights and tag responses, for listed origins only. */
function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin || !origins.includes(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-expose-headers', CORS.exposeHeaders.join(','));
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.setHeader('access-control-allow-methods', CORS.allowMethods.join(','));
  res.setHeader('access-control-allow-headers', CORS.allowHeaders.join(','));
  res.setHeader('access-control-max-age', String(CORS.maxAgeSeconds));
  res.writeHead(204).end();
  return true;
}

export async function startHttpServer(
  routes: readonly RouteDeclaration[],
  port: number,
  verify: TokenVerifier,
  corsOrigins: readonly string[] = [],
): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const compiled: CompiledRoute[] = [];
  for (const route of routes) compiled.push({ route, ...compile(route.path), handler: await loadHandler(route.handler) });

  const server = createServer(async (req, res) => {
    if (applyCors(req, res, corsOrigins)) return;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BODY) return sendGatewayError(res, 413, 'Request Entity Too Large');
      chunks.push(chunk);
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let match: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const c of compiled) {
      const m = c.route.method === req.method ? c.pattern.exec(path) : null;
      if (m) {
        match = { route: c, params: Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
        break;
      }
    }
    if (!match) return sendGatewayError(res, 404, 'Not Found');
    let claims: Record<string, string> | undefined;
    if (match.route.route.roles !== 'public') {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
      claims = bearer ? await verify(bearer[1]!.trim()) : undefined;
      if (!claims) return sendGatewayError(res, 401, 'Unauthorized');
    }
    try {
      const event = toHttpApiEvent(req, Buffer.concat(chunks), match.route, match.params);
      if (claims) (event.requestContext as unknown as { authorizer: unknown }).authorizer = { jwt: { claims, scopes: null } };
      writeResult(res, await match.route.handler(event, lambdaContext(match.route.route.handler)));
    } catch {
      sendGatewayError(res, 500, 'Internal Server Error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portTaken(port) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
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
