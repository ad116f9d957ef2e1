import { catalogueAnswer } from '#shared/http/catalogue-answers.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { calendarYear, versionQuerySchema } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { catalogueVersion } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** A year of the production calendar as the table holds it; 404 while it has none (filing then follows the statutory rule). */
export const handler = httpHandler('getCalendarYear', async (event) => {
  const year = pathParameter(event, 'year', calendarYear, 'The year');
  const { version } = parseQuery(event, versionQuerySchema);
  return catalogueAnswer(event, await catalogueVersion(dependencies(), 'calendar', String(year), version), version);
});
