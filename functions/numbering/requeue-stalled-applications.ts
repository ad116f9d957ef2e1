import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { requeueStalledApplications } from '#shared/services/stalled-applications.ts';

// Queues the number requests again (infra/functions.ts: sendsTo).
provide({ numberRequests: sqsNumberRequests });

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('numbering/requeue-stalled-applications'))
  .handler(async () => requeueStalledApplications(dependencies()));
