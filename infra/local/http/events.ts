import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteDeclaration } from '#shared/config/routes.ts';

const TEXTUAL = /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded|application\/xml)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as API Gateway hands it over: text for textual types in valid UTF-8, otherwise base64. */
function bodyOf(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  if (TEXTUAL.test(contentType ?? '')) {
    try {
      return { body: utf8.decode(body), isBase64Encoded: false };
    } catch {
      // not UTF-8: the exact bytes, for the handler to refuse
    }
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}

/** Builds the payload format 2.0 event API Gateway would send for this request. */
export function toHttpApiEvent(
  req: IncomingMessage,
  target: { rawPath: string; rawQueryString: string },
  body: Buffer,
  route: RouteDeclaration,
  params: Record<string, string>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // What API Gateway adds: the client's address, and the scheme and port it was reached on.
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(target.rawQueryString)) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const routeKey = `${route.method} ${route.path}`;
  const now = new Date();
  // The API's own domain, as API Gateway gives it: never the client's Host header, which anyone can set.
  const host = `127.0.0.1:${req.socket.localPort ?? ''}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: target.rawPath,
    rawQueryString: target.rawQueryString,
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: { method: req.method ?? 'GET', path: target.rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...bodyOf(body, headers['content-type']),
  };
}

/** Writes a Lambda result back the way API Gateway does, including its inference for bare values. */
export function writeResult(res: ServerResponse, result: unknown): void {
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
