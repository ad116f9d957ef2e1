import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { recordId } from '../schemas/identifiers.ts';
import { personChangeRequestSchema } from '../schemas/person-change-request.ts';
import { personViewSchema } from '../schemas/person.ts';
import { badPath, bodyProblems, internalError, problem, retryAfter, unauthorized } from './responses.ts';

/** The person's own changes (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const body = { schema: personChangeRequestSchema };

export const personChangeOperations = {
  changePerson: {
    summary: "Change the person's own details: names (with the document that proves it), an identity document, address, contacts; an office also birth date, sex and SNILS",
    description:
      'A merge patch (RFC 7396 style, `application/merge-patch+json` or `application/json`): an absent field stays, `null` removes an optional one, `document` replaces the person\'s document of its type. ' +
      'A citizen changes their own record or a child\'s linked to their account, with that record\'s own PIN in `pin`; wrong PINs count toward the lock as in `checkPin`. ' +
      'An operator of the person\'s region (MFC) or insurer (office) changes it after seeing the documents, without a PIN. ' +
      'A change of name, birth date or sex is written to the history as П061, the rest as R061, naming the fields and never their values. ' +
      'A new document or SNILS held by another person refuses the whole change. A change that changes nothing writes nothing and answers the record as it is. The ЕНП never changes.',
    requestParams: { path: z.object({ personId: recordId }) },
    requestBody: { required: true, content: { 'application/merge-patch+json': body, 'application/json': body } },
    responses: {
      '200': { description: 'The person as `GET /persons/{personId}` shows them to the caller, after the change (or unchanged, when nothing differed)', content: { 'application/json': { schema: personViewSchema } } },
      ...bodyProblems,
      '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } },
      '401': unauthorized,
      '403': problem("The caller's role may not change a person, or a citizen changing what only an office changes: birth date, sex, SNILS (`forbidden`, `office-only`, pointing at each)"),
      '404': problem('No such person or not one the caller may change, or (for a citizen) no PIN yet (`not-found`, `no-pin`)'),
      '409': problem(
        'Another person holds the new document or SNILS (`document-registered`, `snils-registered`; nothing written), the policy is terminated (`policy-terminated`), the record kept changing meanwhile (`concurrent-change`), or the PIN was not shown yet or was replaced meanwhile (`pin-not-shown`, `pin-replaced`)',
      ),
      '422': problem('Fields that break the schema or the rules, a change of name without its document, a body that changes nothing, an office sending a PIN, a citizen sending none, or a wrong PIN (`validation-failed`, `wrong-pin`)'),
      '423': { ...problem('The PIN is locked after too many wrong ones, a right one too; retry after the Retry-After seconds (`pin-locked`, with `retryAt`)'), headers: retryAfter },
      '429': { ...problem('Too many changes refused because another person holds the document or SNILS (`too-many-attempts`): the refusal may not become an oracle'), headers: retryAfter },
      '500': internalError,
    },
  },
} satisfies Record<string, Operation>;
