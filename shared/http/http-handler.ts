import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { callerFromClaims, claimsOf, type Caller } from '../auth/caller.ts';
import type { ClaimNames } from '../auth/claim-names.ts';
import { incompleteToken, roleWithoutScope } from '../auth/scopes.ts';
import { routeOf, type OperationId, type RouteDeclaration } from '../config/routes.ts';
import { TOKEN_CLAIM_SETTINGS } from '../config/settings.ts';
import { Problem } from '../domain/problem.ts';
import { logger } from '../observability/logger.ts';
import { problemAnswered } from '../observability/metrics.ts';
import { observed } from '../observability/observed.ts';
import { problemResponse, type HttpResult } from './responses.ts';

/** Turns any thrown error into problem+json, counted by code; unknown ones become a 500 without internals. */
const problemDetails = (operation: string): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const { error, event } = request;
    const instance = event?.requestContext?.requestId ? `urn:request:${event.requestContext.requestId}` : undefined;
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
      if (error.status >= 500) logger.error('request failed', { code: error.code });
    } else {
      // Error names and messages only: our errors never carry personal data, SDK errors neither.
      logger.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
      problem = Problem.internal();
    }
    request.response = problemResponse(problem, instance);
    problemAnswered(operation, problem.status, problem.code);
  },
});

const ANONYMOUS: Caller = { subject: 'anonymous', roles: [] };

let claimNames: Partial<ClaimNames> | undefined;

/** The caller the verified token names; 401 without a token or a subject, 403 without the role's scope. */
function callerOf(event: APIGatewayProxyEventV2): Caller {
  const claims = claimsOf(event);
  // API Gateway lets no request without a valid token reach here; a local call might.
  if (!claims) throw new Problem({ status: 401, code: 'unauthenticated', title: 'Unauthenticated', detail: 'A bearer token is required.' });
  claimNames ??= TOKEN_CLAIM_SETTINGS.read();
  const reading = callerFromClaims(claims, claimNames);
  if ('problem' in reading) throw new Problem({ status: 401, code: 'invalid-token', title: 'Invalid token', detail: 'The token names no subject (sub).' });
  return reading.caller;
}

/**
 * The function's own route, when its bundle was built with it (`BUNDLED_ROUTE`,
 * `infra/constructs/bundling.ts`): the bundler writes the declaration in as a literal, so the
 * branch that reads the whole route table is dead code and the table stays out of the bundle
 * (~150 bytes a route in every function). Run from the sources (locally, in tests), the table.
 */
function bundledRoute(bundled: string, operationId: OperationId): RouteDeclaration {
  const route = JSON.parse(bundled) as RouteDeclaration & { operationId: string };
  if (route.operationId !== operationId) throw new Error(`bundled with the route of ${route.operationId}, not ${operationId}`);
  return route;
}

/**
 * The one wrapper every HTTP handler uses. It finds the route's declaration by operation id and
 * lets through only the roles it declares, handing the handler a caller whose roles are narrowed
 * to those, each with the scope its token must carry.
 */
export function httpHandler(operationId: OperationId, fn: (event: APIGatewayProxyEventV2, caller: Caller, context: Context) => Promise<HttpResult>) {
  // A literal in a bundle, so the other branch (and the table) is dropped there.
  const route = process.env.BUNDLED_ROUTE ? bundledRoute(process.env.BUNDLED_ROUTE, operationId) : routeOf(operationId);
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(observed(route.handler))
    .use(problemDetails(route.handler))
    .handler(async (event, context) => {
      if (route.roles === 'public') return fn(event, ANONYMOUS, context);
      const caller = callerOf(event);
      const allowed = route.roles;
      const roles = caller.roles.filter((r) => allowed.includes(r));
      logger.appendKeys({ caller: caller.subject, roles: caller.roles });
      if (roles.length === 0) throw Problem.forbidden(`This operation is for: ${allowed.join(', ')}.`);
      const narrowed = { ...caller, roles };
      const unscoped = roleWithoutScope(narrowed);
      if (unscoped) throw incompleteToken(unscoped);
      return fn(event, narrowed, context);
    });
}
