import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { Problem, type FieldError } from '#shared/domain/problem.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { json, problemResponse, type HttpResult } from '#shared/http/responses.ts';
import type { LocalRequest } from '../http/server.ts';
import { INSTANT_EXAMPLE, parseDuration, parseInstant } from './instants.ts';
import type { RegisterClock } from './register-clock.ts';
import type { Destination, TimeMachine } from './time-machine.ts';

/**
 * `GET /_local/clock`: where the register's clock stands. `POST /_local/clock` with `{"at": <ISO
 * instant>}` or `{"advance": <ISO 8601 duration>}`: a time travel (see TimeMachine). Served by the
 * local HTTP server itself: not a declared route (shared/config/routes.ts), so neither the stack
 * nor the OpenAPI document has it, and no token is asked (the server listens on loopback only).
 */
export const CLOCK_PATH = '/_local/clock';

/** Each field a string (what it must hold is checked below, with its own codes); nothing else. */
const TRAVEL_BODY = z.strictObject({ at: z.string().optional(), advance: z.string().optional() });

export function clockRoutes(clock: RegisterClock, machine: TimeMachine): (request: LocalRequest) => Promise<HttpResult | undefined> {
  return async ({ method, rawPath, body }) => {
    if (rawPath !== CLOCK_PATH) return undefined;
    const instance = `urn:request:${randomUUID()}`;
    try {
      if (method === 'GET') return json(200, { now: clock.now().toISOString(), offsetMs: clock.offsetMs() });
      if (method === 'POST') return json(200, await machine.travel(destination(body)));
      throw new Problem({ status: 405, code: 'method-not-allowed', title: 'Method not allowed', detail: `${CLOCK_PATH} answers GET and POST.`, headers: { allow: 'GET, POST' } });
    } catch (error) {
      if (error instanceof Problem) return problemResponse(error, instance);
      throw error;
    }
  };
}

/**
 * The destination a body asks for, or the register's own problem answers: the body is read as JSON
 * whatever its content type says (`curl -d` sends form-urlencoded), with the same checks as every
 * route's body (UTF-8, size, nesting, a key given twice, text), then exactly one of the fields.
 */
function destination(body: Buffer): Destination {
  const asJson = { headers: { 'content-type': 'application/json' }, body: body.toString('base64'), isBase64Encoded: true } as unknown as APIGatewayProxyEventV2;
  const { at, advance } = parseJsonBody(asJson, TRAVEL_BODY);
  const one = (code: string, detail: string): FieldError[] => [
    { pointer: '/at', code, detail },
    { pointer: '/advance', code, detail },
  ];
  if (at === undefined && advance === undefined) throw Problem.invalid(one('one-required', 'Give "at" (an ISO 8601 instant) or "advance" (an ISO 8601 duration).'));
  if (at !== undefined && advance !== undefined) throw Problem.invalid(one('exclusive', 'Give "at" or "advance", not both.'));
  if (at !== undefined) {
    const instant = parseInstant(at);
    if (!instant) throw Problem.invalid([{ pointer: '/at', code: 'not-an-instant', detail: `An ISO 8601 instant with its zone, e.g. ${INSTANT_EXAMPLE}.` }]);
    return { at: instant };
  }
  const duration = parseDuration(advance!);
  if (!duration) throw Problem.invalid([{ pointer: '/advance', code: 'not-a-duration', detail: 'An ISO 8601 duration, e.g. P31D, PT6H or P1M2D.' }]);
  return { advance: duration };
}
