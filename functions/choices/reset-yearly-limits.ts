import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { resetYearlyCounts } from '#shared/services/choices/yearly-reset.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('choices/reset-yearly-limits'))
  .handler(async () => resetYearlyCounts(dependencies()));
