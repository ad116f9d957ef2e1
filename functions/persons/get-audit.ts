import { z } from 'zod';
import { Problem } from '#shared/domain/problem.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { pathParameter, zodErrors } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/common.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { auditTrail } from '#shared/services/queries.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().regex(/^AUDIT#[^#]+#[0-9A-HJKMNP-TV-Z]{26}$/).optional(),
});

export const handler = httpHandler('getPersonAudit', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const page = query.safeParse(event.queryStringParameters ?? {});
  if (!page.success) throw Problem.invalid(zodErrors(page.error), 'Invalid query parameters.');
  return json(200, await auditTrail(await dependencies(), caller, personId, page.data));
});
