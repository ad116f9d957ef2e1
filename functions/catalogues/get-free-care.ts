import { cacheableAnswer, etagOf } from '#shared/http/entity-tags.ts';
import { CURRENT_MAX_AGE_SECONDS, VERSION_MAX_AGE_SECONDS } from '#shared/http/catalogue-answers.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery } from '#shared/http/request.ts';
import { freeCareQuerySchema } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { freeCareView } from '#shared/services/catalogues/free-care-view.ts';

/** The federal list, or a region's list with its additions and removals applied, with the versions it came from. */
export const handler = httpHandler('getFreeCare', async (event) => {
  const query = parseQuery(event, freeCareQuerySchema);
  const { view, tag } = await freeCareView(dependencies(), query);
  // Pinned to versions throughout, the answer never changes; with any part current, a minute.
  const current = query.version === undefined || (query.region !== undefined && query.regionalVersion === undefined);
  return cacheableAnswer(event, etagOf(tag), current ? CURRENT_MAX_AGE_SECONDS : VERSION_MAX_AGE_SECONDS, () => view);
});
