import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { requeueStalledApplications } from '#shared/services/stalled-applications.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('numbering/requeue-stalled-applications'))
  .handler(async () => requeueStalledApplications(dependencies()));
