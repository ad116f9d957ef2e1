import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { flagOverdueComplaints } from '#shared/services/complaints/overdue.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('complaints/flag-overdue-complaints'))
  .handler(async () => flagOverdueComplaints(dependencies()));
