import { catalogueAnswer } from '#shared/http/catalogue-answers.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { clinicCode, versionQuerySchema } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { catalogueVersion } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('getClinicDoctors', async (event) => {
  const code = pathParameter(event, 'code', clinicCode, 'The clinic');
  const { version } = parseQuery(event, versionQuerySchema);
  return catalogueAnswer(event, await catalogueVersion(dependencies(), 'doctors', code, version), version);
});
