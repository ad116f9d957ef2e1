import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS } from '#shared/config/cors.ts';
import { Problem } from '#shared/domain/problem.ts';
import { problemResponse } from '#shared/http/responses.ts';

/**
 * The answers API Gateway gives itself, before or instead of a function: `{"message": ...}` JSON
 * (never problem+json: the gateway does not know the register's format). The README lists them.
 */
export const GATEWAY_ANSWERS = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Request Entity Too Large',
} as const;

export function sendGatewayAnswer(res: ServerResponse, status: keyof typeof GATEWAY_ANSWERS): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ message: GATEWAY_ANSWERS[status] }));
}

/** A failure of the local server itself, or of a function that never answered: the register's own 500. */
export function sendInternalError(res: ServerResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const answer = problemResponse(Problem.internal(), `urn:request:${requestId}`);
  res.writeHead(answer.statusCode, answer.headers).end(answer.body);
}

/** What API Gateway's CORS configuration does: answer preflights and tag responses, for listed origins only. */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
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
