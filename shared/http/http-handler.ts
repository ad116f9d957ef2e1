import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
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

/** The one wrapper every HTTP handler uses: structured logs with the request context, problem errors. */
export function httpHandler(fn: (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .handler(fn);
}
