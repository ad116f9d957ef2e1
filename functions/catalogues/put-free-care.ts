import { writtenAnswer } from '#shared/http/catalogue-answers.ts';
import { ifMatch } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { COUNTRY } from '#shared/catalogues/catalogue-documents.ts';
import { Problem } from '#shared/domain/problem.ts';
import { CATALOGUE_BODY_BYTES, freeCareBodySchema } from '#shared/schemas/catalogues/catalogue-bodies.ts';
import { changeCatalogue } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** The federal list of free care; a region's additions and removals are `PUT /catalogues/regional-care`. */
export const handler = httpHandler('putFreeCare', async (event, caller) => {
  if (event.queryStringParameters?.region !== undefined) {
    throw Problem.invalid([{ pointer: '/region', code: 'unknown-field', detail: "This is the federal list: a region's additions and removals are PUT to /catalogues/regional-care?region=." }], 'Invalid query parameters.');
  }
  const data = parseJsonBody(event, freeCareBodySchema, { maxBytes: CATALOGUE_BODY_BYTES });
  return writtenAnswer(await changeCatalogue(dependencies(), caller, { kind: 'free-care', scope: COUNTRY, data, precondition: ifMatch(event) }));
});
