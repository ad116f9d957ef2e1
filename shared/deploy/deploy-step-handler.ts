import middy from '@middy/core';
import type { DeployStepEvent } from '../config/deploy-steps.ts';
import { logger } from '../observability/logger.ts';
import { observed } from '../observability/observed.ts';

/**
 * A deploy step's function: on create and update it runs the step and reports what it did; on
 * delete it leaves everything as it is (the register's data outlives the stack's resources).
 * CloudFormation reads a custom resource's attributes as strings, so they are given as strings.
 */
export function deployStepHandler(name: string, resourceId: string, message: string, run: () => Promise<Record<string, string | number | boolean | undefined>>) {
  return middy<DeployStepEvent>()
    .use(observed(name))
    .handler(async (event: DeployStepEvent) => {
      if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? resourceId };
      const outcome = await run();
      logger.info(message, { ...outcome });
      return { PhysicalResourceId: resourceId, Data: Object.fromEntries(Object.entries(outcome).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) };
    });
}
