import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { reassignEndedContracts } from '#shared/services/choices/contract-ends.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('choices/reassign-ended-contracts'))
  .handler(async () => reassignEndedContracts(dependencies()));
