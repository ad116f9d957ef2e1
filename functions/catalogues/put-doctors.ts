import { writtenAnswer } from '#shared/http/catalogue-answers.ts';
import { ifMatch } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { CATALOGUE_BODY_BYTES, doctorsBodySchema } from '#shared/schemas/catalogues/catalogue-bodies.ts';
import { clinicCode } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { changeDoctors } from '#shared/services/catalogues/clinic-doctors.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** A clinic's doctors: of a clinic its region's catalogue lists (404 otherwise). */
export const handler = httpHandler('putClinicDoctors', async (event, caller) => {
  const code = pathParameter(event, 'code', clinicCode, 'The clinic');
  const data = parseJsonBody(event, doctorsBodySchema, { maxBytes: CATALOGUE_BODY_BYTES });
  return writtenAnswer(await changeDoctors(dependencies(), caller, code, data, ifMatch(event)));
});
