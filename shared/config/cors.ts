import { routes } from './routes.ts';

/** CORS for browser front ends, the same in the stack and the local server; origins are configuration. */
export const CORS = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'],
  exposeHeaders: ['location', 'retry-after', 'idempotent-replayed', 'etag'],
  allowMethods: [...new Set(routes.map((r) => r.method))],
  maxAgeSeconds: 3600,
} as const;

export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '').split(',').map((o) => o.trim()).filter(Boolean);
}
