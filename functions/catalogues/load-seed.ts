import middy from '@middy/core';
import type { DeployStepEvent } from '#shared/config/deploy-steps.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { logger } from '#shared/observability/logger.ts';
import { observed } from '#shared/observability/observed.ts';
import { loadSeed } from '#shared/services/catalogues/seed-loader.ts';
import { dependencies } from '#shared/services/dependencies.ts';

const RESOURCE_ID = 'catalogue-seed';

/** A deploy step: on create and update, loads the seed; on delete, leaves the table's catalogues as they are. */
export const handler = middy<DeployStepEvent>()
  .use(observed('catalogues/load-seed'))
  .handler(async (event: DeployStepEvent) => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? RESOURCE_ID };
    const deps = dependencies();
    const outcome = await loadSeed(deps.catalogues.store, seedDocuments(), deps.clock.now().toISOString());
    logger.info('catalogue seed loaded', { ...outcome });
    // CloudFormation reads a custom resource's attributes as strings.
    return { PhysicalResourceId: RESOURCE_ID, Data: { loaded: String(outcome.loaded), kept: String(outcome.kept) } };
  });
