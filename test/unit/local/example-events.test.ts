import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { callerFromClaims } from '#shared/auth/caller.ts';
import { queues } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { scheduleInput, schedules } from '#shared/config/schedules.ts';
import { declaredHandlers } from '#infra/functions.ts';
import { exampleEvents } from '#infra/local/invoke/example-events.ts';

/**
 * The example events of `npm run invoke` (`infra/local/events/<handler>/<name>.json`): one at least
 * for every declared handler, each in the shape Lambda hands that handler. Generic over the
 * declarations: a new route, queue or schedule needs its events, and nothing here changes.
 */

const strings = z.record(z.string(), z.string());
const requestContext = z.object({
  accountId: z.string(),
  apiId: z.string(),
  domainName: z.string(),
  domainPrefix: z.string(),
  http: z.object({ method: z.string(), path: z.string(), protocol: z.string(), sourceIp: z.string(), userAgent: z.string() }),
  requestId: z.string(),
  routeKey: z.string(),
  stage: z.string(),
  time: z.string(),
  timeEpoch: z.number(),
});
/** API Gateway HTTP API's payload format 2.0 (aws-lambda's APIGatewayProxyEventV2). */
const httpEvent = z.object({
  version: z.literal('2.0'),
  routeKey: z.string(),
  rawPath: z.string(),
  rawQueryString: z.string(),
  cookies: z.optional(z.array(z.string())),
  headers: strings,
  queryStringParameters: z.optional(strings),
  pathParameters: z.optional(strings),
  requestContext,
  body: z.optional(z.string()),
  isBase64Encoded: z.boolean(),
});
/** The same, through the JWT authorizer (APIGatewayProxyEventV2WithJWTAuthorizer). */
const authenticatedEvent = httpEvent.extend({
  requestContext: requestContext.extend({
    authorizer: z.object({
      jwt: z.object({ claims: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])), scopes: z.array(z.string()).nullable() }),
    }),
  }),
});
/** An SQS event source mapping's batch (aws-lambda's SQSEvent). */
const sqsEvent = z.object({
  Records: z
    .array(
      z.object({
        messageId: z.string().min(1),
        receiptHandle: z.string().min(1),
        body: z.string(),
        attributes: z.object({ ApproximateReceiveCount: z.string(), SentTimestamp: z.string(), SenderId: z.string(), ApproximateFirstReceiveTimestamp: z.string() }),
        messageAttributes: z.record(z.string(), z.object({ dataType: z.string() })),
        md5OfBody: z.string(),
        eventSource: z.literal('aws:sqs'),
        eventSourceARN: z.string().startsWith('arn:aws:sqs:'),
        awsRegion: z.string(),
      }),
    )
    .min(1),
});
// The schemas describe aws-lambda's types: a value they accept is one of those (tsc checks this).
const _shapes = {
  http: (e: z.infer<typeof httpEvent>): APIGatewayProxyEventV2 => e,
  authenticated: (e: z.infer<typeof authenticatedEvent>): APIGatewayProxyEventV2WithJWTAuthorizer => e,
  sqs: (e: z.infer<typeof sqsEvent>): SQSEvent => e,
};

const examples = exampleEvents().map((e) => ({ ...e, event: JSON.parse(readFileSync(e.file, 'utf8')) as unknown }));
const of = (handler: string) => examples.filter((e) => e.handler === handler);

/** The path parameters a route's template finds in a path, or undefined if it does not match. */
function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const match = new RegExp(`^${source}$`).exec(path);
  return match ? { ...match.groups } : undefined;
}

describe('example events (infra/local/events)', () => {
  it('every declared handler has at least one, and every folder is a declared handler', () => {
    const handlers = declaredHandlers().map((h) => h.handler);
    for (const handler of handlers) expect(of(handler).length, `no example event for ${handler}`).toBeGreaterThan(0);
    for (const e of examples) expect(handlers, `${e.file}: no such handler`).toContain(e.handler);
  });

  describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, route) => {
    it.each(of(route.handler).map((e) => [e.name, e] as const))('%s: payload 2.0 for this route', (_name, { event }) => {
      const e = (route.roles === 'public' ? httpEvent : authenticatedEvent).parse(event);
      const routeKey = `${route.method} ${route.path}`;
      expect([e.routeKey, e.requestContext.routeKey]).toEqual([routeKey, routeKey]);
      expect(e.requestContext.http.method).toBe(route.method);
      expect(e.requestContext.http.path).toBe(e.rawPath);
      const params = matchTemplate(route.path, e.rawPath);
      expect(params, `${e.rawPath} is not a path of ${route.path}`).toBeDefined();
      expect(e.pathParameters ?? {}).toEqual(params);
      expect(e.queryStringParameters ?? {}).toEqual(Object.fromEntries(new URLSearchParams(e.rawQueryString)));
      if (e.body !== undefined && /json/.test(e.headers['content-type'] ?? '')) expect(() => JSON.parse(e.body!)).not.toThrow();
      if (route.roles === 'public') {
        expect(event).not.toHaveProperty('requestContext.authorizer');
      } else {
        // The claims under the names the register reads, for a caller the route admits.
        const reading = callerFromClaims((event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer.jwt.claims);
        expect(reading).toHaveProperty('caller');
        const { roles } = (reading as { caller: { roles: string[] } }).caller;
        expect(roles.some((r) => (route.roles as readonly string[]).includes(r)), `roles ${roles.join(',')} may not call ${routeKey}`).toBe(true);
      }
    });
  });

  describe.each(queues.map((q) => [q.name, q] as const))('queue %s', (_, queue) => {
    it.each(of(queue.consumer).map((e) => [e.name, e] as const))('%s: an SQS batch with bodies', (_name, { event }) => {
      const { Records } = sqsEvent.parse(event);
      expect(Records.length).toBeLessThanOrEqual(queue.batchSize);
      expect(new Set(Records.map((r) => r.messageId)).size).toBe(Records.length);
      for (const r of Records) expect(r.md5OfBody).toBe(createHash('md5').update(r.body).digest('hex'));
    });
  });

  describe.each(schedules.map((s) => [s.name, s] as const))('schedule %s', (_, schedule) => {
    it.each(of(schedule.handler).map((e) => [e.name, e] as const))("%s: the scheduler's input", (_name, { event }) => {
      expect(event).toEqual(scheduleInput(schedule.name));
    });
  });
});
