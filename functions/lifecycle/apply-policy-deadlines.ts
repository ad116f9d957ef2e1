import middy from '@middy/core';
import { observed } from '#shared/observability/observed.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { applyPolicyDeadlines } from '#shared/services/lifecycle/deadlines.ts';

/** Invoked by the schedule; the event carries nothing it needs. */
export const handler = middy()
  .use(observed('lifecycle/apply-policy-deadlines'))
  .handler(async () => applyPolicyDeadlines(dependencies()));
