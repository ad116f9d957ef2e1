import { writtenAnswer } from '#shared/http/catalogue-answers.ts';
import { ifMatch } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, parseQuery } from '#shared/http/request.ts';
import { CATALOGUE_BODY_BYTES, insurersBodySchema } from '#shared/schemas/catalogues/catalogue-bodies.ts';
import { regionQuerySchema } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { changeCatalogue } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('putInsurers', async (event, caller) => {
  const { region } = parseQuery(event, regionQuerySchema);
  const data = parseJsonBody(event, insurersBodySchema, { maxBytes: CATALOGUE_BODY_BYTES });
  return writtenAnswer(await changeCatalogue(dependencies(), caller, { kind: 'insurers', scope: region, data, precondition: ifMatch(event) }));
});
