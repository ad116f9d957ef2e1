import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('lifecycle/convert-temporary-policies'))
  .handler(async () => convertTemporaryPolicies(dependencies()));
