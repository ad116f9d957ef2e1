import { catalogueAnswer } from '#shared/http/catalogue-answers.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery } from '#shared/http/request.ts';
import { regionVersionQuerySchema } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { catalogueVersion } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('getRegionalCare', async (event) => {
  const { region, version } = parseQuery(event, regionVersionQuerySchema);
  return catalogueAnswer(event, await catalogueVersion(dependencies(), 'regional-care', region, version), version);
});
