import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import type { OperationId } from '../config/routes.ts';
import { applicationCreatedSchema, applicationSchema } from '../schemas/application.ts';
import { applicationRequestSchema } from '../schemas/application-request.ts';
import { auditPageSchema, personViewSchema } from '../schemas/person.ts';
import { auditQuerySchema } from '../schemas/audit-query.ts';
import { recordId } from '../schemas/identifiers.ts';
import { accountSchema } from '../schemas/account.ts';
import { historyPageSchema } from '../schemas/history.ts';
import { policyViewSchema } from '../schemas/policy.ts';
import { pinShownSchema } from '../schemas/pin.ts';
import { choiceAnswerSchema } from '../schemas/choices.ts';
import { clinicChoiceSchema, doctorChoiceSchema, insurerChoiceSchema } from '../schemas/choice-requests.ts';
import { pinCheckSchema, pinIssueSchema, regionChangeSchema, suspensionRequestSchema, terminationRequestSchema } from '../schemas/policy-change-requests.ts';
import { verificationRequestSchema, verificationSchema } from '../schemas/verification.ts';
import { badPath, bodyProblems, internalError, problem, retryAfter, unauthorized } from './responses.ts';
import { catalogueOperations } from './catalogue-operations.ts';
import { barcodeOperations } from './barcode-operations.ts';
import { registryOperations } from './registry-operations.ts';
import { personChangeOperations } from './person-change-operations.ts';
import { careOperations } from './care-operations.ts';
import { complaintOperations } from './complaint-operations.ts';

const personPath = z.object({ personId: recordId });
const policyAnswer = (description: string) => ({ description, content: { 'application/json': { schema: policyViewSchema } } });

/** What a change to a person's policy can answer besides its own refusals. */
const changeProblems = {
  ...bodyProblems,
  '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } },
  '401': unauthorized,
  '403': problem('The caller\'s role may not make this change'),
  '404': problem('No such person, or not one the caller may see'),
  '409': problem('The policy does not allow it now (`policy-suspended`, `policy-terminated`, `policy-expired`), or kept changing meanwhile (`concurrent-change`)'),
  '500': internalError,
};

const choiceAnswer = (description: string) => ({ description, content: { 'application/json': { schema: choiceAnswerSchema } } });
/** A choice answers what a change does, and 403 for a child's own account. */
const choiceProblems = { ...changeProblems, '403': problem("The caller's role may not choose, or a child's own account (`representative-required`): a parent's account chooses") };

/**
 * What the OpenAPI document says of each operation: its parameters, body and answers, with their
 * zod schemas. The routes themselves (method, path, handler, roles) are declared once in
 * `shared/config/routes.ts`; this is only their description, loaded by the document's function
 * and the tests, never by a handler that serves a route.
 */
export const operations = {
  submitApplication: {
    summary: 'Apply for a policy: get a temporary policy at once and a number within one working day',
    requestParams: {
      header: z.object({
        'idempotency-key': z.string().min(1).max(255).optional().meta({ description: 'Repeats with the same key return the first answer.' }),
      }),
    },
    requestBody: { required: true, content: { 'application/json': { schema: applicationRequestSchema } } },
    responses: {
      '201': {
        description: 'Filed; the temporary policy and its leaflet (or, for a repeated Idempotency-Key, the first answer again)',
        headers: z.object({
          location: z.string().meta({ description: 'The new application.' }),
          'idempotent-replayed': z.literal('true').optional().meta({ description: 'Present when this is the first answer again.' }),
        }),
        content: { 'application/json': { schema: applicationCreatedSchema } },
      },
      ...bodyProblems,
      '400': problem('Malformed JSON, nesting deeper than 32, a key given twice, another charset than UTF-8, bytes that are not UTF-8, or an invalid Idempotency-Key'),
      '401': unauthorized,
      '403': problem('The caller\'s role may not file applications, or not in this region (`forbidden`, `out-of-scope`, `incomplete-token`)'),
      '409': problem('The same person is already insured or applying (`already-insured`, `already-applying`, `account-has-person`)'),
      '422': problem('Invalid fields, the person cannot be insured, or an Idempotency-Key reused with another body'),
      '429': { ...problem('Too many refused attempts; retry after the Retry-After seconds'), headers: retryAfter },
      '500': internalError,
    },
  },
  getApplication: {
    summary: 'Status of an application and the deadline for its number',
    requestParams: { path: z.object({ applicationId: recordId }) },
    responses: {
      '200': { description: 'The application', content: { 'application/json': { schema: applicationSchema } } },
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not read applications'),
      '404': problem('No such application, or not one the caller may see'),
      '500': internalError,
    },
  },
  getPerson: {
    summary: "A person's record, with each field shown only to the roles that need it",
    requestParams: { path: z.object({ personId: recordId }) },
    responses: {
      '200': { description: 'The person', content: { 'application/json': { schema: personViewSchema } } },
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not read persons'),
      '404': problem('No such person, or not one the caller may see'),
      '500': internalError,
    },
  },
  getPersonPolicy: {
    summary: "A person's current policy: number, status, validity, insurer, region",
    requestParams: { path: z.object({ personId: recordId }) },
    responses: {
      '200': { description: 'The current policy', content: { 'application/json': { schema: policyViewSchema } } },
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not read policies'),
      '404': problem('No such person, or not one the caller may see'),
      '500': internalError,
    },
  },
  getPersonAudit: {
    summary: 'Who read or changed the person\'s record, newest first',
    requestParams: {
      path: z.object({ personId: recordId }),
      query: auditQuerySchema,
    },
    responses: {
      '200': { description: 'A page of audit entries', content: { 'application/json': { schema: auditPageSchema } } },
      '400': { description: `${badPath.description}; or a cursor that is not the \`next\` of a previous page (\`invalid-cursor\`)`, content: { ...badPath.content, ...problem('').content } },
      '401': unauthorized,
      '403': problem('The caller\'s role may not read audit trails'),
      '404': problem('No such person, or not one the caller may see'),
      '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
      '500': internalError,
    },
  },
  getPersonAccount: {
    summary: 'The personal account: number, policy, insurer with contacts, region, clinic and doctor, suspension, PIN, latest history',
    requestParams: { path: personPath },
    responses: {
      '200': { description: 'The account', content: { 'application/json': { schema: accountSchema } } },
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not read accounts'),
      '404': problem('No such person, or not one the caller may see'),
      '500': internalError,
    },
  },
  getPersonHistory: {
    summary: 'Every change to the person\'s insurance, newest first, with its federal code; each viewer sees the fields its role may see',
    requestParams: { path: personPath, query: auditQuerySchema },
    responses: {
      '200': { description: 'A page of history entries', content: { 'application/json': { schema: historyPageSchema } } },
      '400': { description: `${badPath.description}; or a cursor that is not the \`next\` of a previous page (\`invalid-cursor\`)`, content: { ...badPath.content, ...problem('').content } },
      '401': unauthorized,
      '403': problem('The caller\'s role may not read histories'),
      '404': problem('No such person, or not one the caller may see'),
      '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
      '500': internalError,
    },
  },
  suspendPolicy: {
    summary: 'Suspend the insurance (e.g. for military service), optionally until a day it resumes by itself (П025)',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: suspensionRequestSchema } } },
    responses: {
      '200': policyAnswer('The policy, suspended'),
      ...changeProblems,
      '422': problem('Invalid fields, or an end date that is not after today (`validation-failed`)'),
    },
  },
  resumePolicy: {
    summary: 'Resume a suspended insurance (R025)',
    requestParams: { path: personPath },
    responses: {
      '200': policyAnswer('The policy, active again'),
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not change policies'),
      '404': problem('No such person, or not one the caller may see'),
      '409': problem('The policy is not suspended, is terminated or has expired, or kept changing meanwhile (`policy-not-suspended`, `policy-terminated`, `policy-expired`, `concurrent-change`)'),
      '500': internalError,
    },
  },
  terminatePolicy: {
    summary: 'End the insurance on death (П022) or on the loss of the right to it; nothing changes it afterwards and the number is never reused',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: terminationRequestSchema } } },
    responses: { '200': policyAnswer('The policy, terminated'), ...changeProblems },
  },
  changeRegion: {
    summary: 'Move the insurance to another region; the insurer stays if it works there, else the person names one or the fund assigns one (П032 / П035)',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: regionChangeSchema } } },
    responses: {
      '200': policyAnswer('The policy in the new region'),
      ...changeProblems,
      '422': problem('Invalid fields, the same region, or an insurer that does not work in the new region (`validation-failed`)'),
    },
  },
  chooseInsurer: {
    summary: "Change the insurer at will: once a year and no later than 1 November in the region (both configurable; П031, or П034 when the fund assigns one); free after the fund reassigned the person when their insurer's contract ended (П033)",
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: insurerChoiceSchema } } },
    responses: {
      '200': choiceAnswer('The new insurer, what changed and the limits left this year'),
      ...choiceProblems,
      '409': problem('Refused now: `yearly-limit-reached` or `deadline-passed` (with `nextChangeOn`), `already-chosen`, `no-other-insurer`, the policy\'s state, or `concurrent-change`'),
      '422': problem('Invalid fields, or an insurer that does not work in the region (`not-in-region`)'),
    },
  },
  chooseClinic: {
    summary: 'Attach to a clinic of the region that attaches people of the person\'s age: once a year; the first attachment and one after moving are not counted',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: clinicChoiceSchema } } },
    responses: {
      '200': choiceAnswer('The clinic, what changed and the limits left this year'),
      ...choiceProblems,
      '409': problem('Refused now: `yearly-limit-reached` (with `nextChangeOn`), `already-chosen`, the policy\'s state, or `concurrent-change`'),
      '422': problem('Invalid fields, a clinic of another region (`not-in-region`), an unknown one (`unknown-clinic`), or one that does not attach this age (`clinic-not-attaching`)'),
    },
  },
  chooseDoctor: {
    summary: "Attach to a doctor of the person's clinic (therapist, pediatrician or GP as the age asks): once a year, except when the clinic changed",
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: doctorChoiceSchema } } },
    responses: {
      '200': choiceAnswer('The doctor, what changed and the limits left this year'),
      ...choiceProblems,
      '409': problem('Refused now: `yearly-limit-reached` (with `nextChangeOn`), `no-clinic`, `already-chosen`, the policy\'s state, or `concurrent-change`'),
      '422': problem('Invalid fields, a doctor not of the clinic (`doctor-not-in-clinic`), or not for this age (`doctor-not-for-age`)'),
    },
  },
  issuePin: {
    summary: 'An office issues a new PIN after checking the person\'s documents: shown once, in this answer; the old one stops working',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: pinIssueSchema } } },
    responses: {
      '201': { description: 'The new PIN, to print for the person', content: { 'application/json': { schema: pinShownSchema } } },
      ...bodyProblems,
      '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } },
      '401': unauthorized,
      '403': problem('Only offices issue PINs'),
      '404': problem('No such person, or not one the caller may see'),
      '409': problem('No e-policy yet, or the policy is terminated (`no-e-policy`, `policy-terminated`)'),
      '422': problem('Invalid fields, or a document the register does not hold for the person or their representative (`validation-failed`, `document-not-matching`)'),
      '500': internalError,
    },
  },
  showPin: {
    summary: 'Show, once, the PIN that came with the e-policy: to the person, or to an office printing it on their behalf',
    requestParams: { path: personPath },
    responses: {
      '200': { description: 'The PIN; it is drawn now and only its hash is kept', content: { 'application/json': { schema: pinShownSchema } } },
      '400': badPath,
      '401': unauthorized,
      '403': problem('The caller\'s role may not show PINs'),
      '404': problem('No such person or not one the caller may see, or no PIN yet (`not-found`, `no-pin`)'),
      '410': problem('The PIN was shown already (`pin-already-shown`)'),
      '500': internalError,
    },
  },
  checkPin: {
    summary: 'Check the person\'s PIN; wrong ones in a row lock it for a while',
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: pinCheckSchema } } },
    responses: {
      '200': { description: 'The PIN is right', content: { 'application/json': { schema: z.object({ valid: z.literal(true) }) } } },
      ...bodyProblems,
      '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } },
      '401': unauthorized,
      '403': problem('Only the person (or a parent for a child) checks a PIN'),
      '404': problem('No such person or not one the caller may see, or no PIN yet (`not-found`, `no-pin`)'),
      '409': problem('The PIN was not shown yet, or was replaced meanwhile (`pin-not-shown`, `pin-replaced`)'),
      '422': problem('Invalid fields, or a wrong PIN (`validation-failed`, `wrong-pin`)'),
      '423': { ...problem('Locked after too many wrong PINs, a right one too; retry after the Retry-After seconds (`pin-locked`, with `retryAt`)'), headers: retryAfter },
      '500': internalError,
    },
  },
  verifyPolicy: {
    summary: 'A clinic checks a policy by its number, the identity document shown or the scanned barcode (identifiers in the body, not the URL); FHIR R4 too',
    requestParams: {
      header: z.object({ accept: z.string().optional().meta({ description: '`application/fhir+json` for a FHIR R4 CoverageEligibilityResponse.' }) }),
    },
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: verificationRequestSchema },
        'application/fhir+json': { schema: z.object({ resourceType: z.literal('CoverageEligibilityRequest') }).catchall(z.unknown()).meta({ description: 'A FHIR R4 CoverageEligibilityRequest (purpose `validation`) naming the ЕНП (system `https://fhir.ru/ig/core/systems/oms`) on a contained Coverage or Patient, or an identity document on the Patient.' }) },
      },
    },
    responses: {
      '200': {
        description: 'The policy, as far as care needs it (in FHIR: a CoverageEligibilityResponse, outcome `error` when no policy is found)',
        content: {
          'application/json': { schema: verificationSchema },
          'application/fhir+json': { schema: z.object({ resourceType: z.literal('CoverageEligibilityResponse') }).catchall(z.unknown()) },
        },
      },
      ...bodyProblems,
      '422': problem('Fields that break the schema (`validation-failed`); a barcode that cannot be read (`validation-failed` with `wrong-length`, `bad-encoding`, `unknown-structure`, ...), altered or forged (`barcode-tampered`), signed with a retired key (`barcode-key-retired`), or signed by someone else and not matching the register (`barcode-not-matching`): the last three are counted against the clinic'),
      '401': unauthorized,
      '403': problem('Only clinics verify, with a token naming the clinic (`forbidden`, `incomplete-token`)'),
      '404': problem('No policy for that number or document (`policy-not-found`, counted against the clinic)'),
      '429': { ...problem('Too many misses by the clinic, or too many checks of one person; retry after the Retry-After seconds'), headers: retryAfter },
      '500': internalError,
    },
  },
  getOpenApiDocument: {
    summary: 'This API as an OpenAPI 3.1 document',
    responses: {
      '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.object({}).catchall(z.unknown()) } } },
      '500': internalError,
    },
  },
  ...catalogueOperations,
  ...barcodeOperations,
  ...registryOperations,
  ...personChangeOperations,
  ...careOperations,
  ...complaintOperations,
} satisfies Record<OperationId, Omit<ZodOpenApiOperationObject, 'operationId'>>;
