import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { flagOverdueComplaints } from '#shared/services/complaints/overdue.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// The complaints' store: only the complaint functions carry it.
provide({ complaints: dynamoDbComplaints });

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('complaints/flag-overdue-complaints'))
  .handler(async () => flagOverdueComplaints(dependencies()));
