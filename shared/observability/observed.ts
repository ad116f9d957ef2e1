import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type middy from '@middy/core';
import { logger } from './logger.ts';
import { publishingMetrics } from './metrics.ts';
import { tracing } from './tracer.ts';

/**
 * What every handler wears, in this order: the logger with the invocation's context, the trace of
 * the invocation, and its metrics published when it ends. `operation` is the handler as declared in
 * `infra/functions.ts` (`applications/submit-application`): the dimension of its metrics.
 */
export function observed(operation: string): middy.MiddlewareObj[] {
  return [injectLambdaContext(logger, { resetKeys: true }), ...tracing(), publishingMetrics(operation)];
}
