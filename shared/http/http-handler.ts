import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { callerFromEvent, type Caller } from '../auth/caller.ts';
import { routeOf, type OperationId } from '../config/routes.ts';
import { Problem } from '../domain/problem.ts';
import { logger } from '../observability/logger.ts';
import { problemResponse, type HttpResult } from './responses.ts';

/** Turns any thrown error into problem+json; unknown ones become a 500 without internals. */
const problemDetails = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const { error, event } = request;
    const instance = event.requestContext?.requestId ? `urn:request:${event.requestContext.requestId}` : undefined;
    if (error instanceof Problem) {
      if (error.status >= 500) logger.error('request failed', { code: error.code });
      request.response = problemResponse(error, instance);
      return;
    }
    // Error names and messages only: our errors never carry personal data, SDK errors neither.
    logger.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
    request.response = problemResponse(
      new Problem({ status: 500, code: 'internal-error', title: 'Internal error', detail: 'The register could not complete the request. It is safe to retry.' }),
      instance,
    );
  },
});

const ANONYMOUS: Caller = { subject: 'anonymous', roles: [] };

/**
 * The one wrapper every HTTP handler uses. It finds the route's declaration by operation id and
 * lets through only the roles it declares, handing the handler a caller whose roles are narrowed
 * to those (API Gateway has already verified the token; a missing one here is a 401 all the same).
 */
export function httpHandler(operationId: OperationId, fn: (event: APIGatewayProxyEventV2, caller: Caller, context: Context) => Promise<HttpResult>) {
  const route = routeOf(operationId);
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .handler(async (event, context) => {
      if (route.roles === 'public') return fn(event, ANONYMOUS, context);
      const caller = callerFromEvent(event);
      if (!caller) throw new Problem({ status: 401, code: 'unauthenticated', title: 'Unauthenticated', detail: 'A bearer token is required.' });
      const allowed = route.roles;
      const roles = caller.roles.filter((r) => allowed.includes(r));
      logger.appendKeys({ caller: caller.subject, roles: caller.roles });
      if (roles.length === 0) throw Problem.forbidden(`This operation is for: ${allowed.join(', ')}.`);
      return fn(event, { ...caller, roles }, context);
    });
}
