import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { deployStepHandler } from '#shared/deploy/deploy-step-handler.ts';
import { loadSeed } from '#shared/services/catalogues/seed-loader.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** A deploy step: loads the catalogues' seed where the fund has not changed them. */
export const handler = deployStepHandler('catalogues/load-seed', 'catalogue-seed', 'catalogue seed loaded', async () => {
  const deps = dependencies();
  return { ...(await loadSeed(deps.catalogues.store, seedDocuments(), deps.clock.now().toISOString())) };
});
