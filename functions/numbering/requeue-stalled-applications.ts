import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '#shared/observability/logger.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { requeueStalledApplications } from '#shared/services/stalled-applications.ts';

// Queues the number requests again (infra/functions.ts: sendsTo).
provide({ numberRequests: sqsNumberRequests });

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => requeueStalledApplications(dependencies()));
