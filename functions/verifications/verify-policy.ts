import * as z from 'zod/mini';
import { eligibilityResponse } from '#shared/fhir/eligibility-response.ts';
import { parseEligibilityRequest } from '#shared/fhir/eligibility-request.ts';
import { Problem } from '#shared/domain/problem.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { header, parseJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { verificationRequestSchema } from '#shared/schemas/verification-request.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { verifyPolicy } from '#shared/services/verification.ts';

// Hashes the document and the attempt keys with the lookup key (infra/functions.ts: lookupKey).
// and checks a scanned barcode's signature against the public key ring in the table.
provide({ secret: secretValue, signing: tableSigningKeys });

const FHIR = 'application/fhir+json';
const fhirWanted = (accept: string | undefined) => accept !== undefined && accept.split(',').some((t) => t.split(';')[0]!.trim().toLowerCase() === FHIR);

/**
 * The register's own JSON, or FHIR R4 both ways: a CoverageEligibilityRequest in (Content-Type
 * `application/fhir+json`), a CoverageEligibilityResponse out (`Accept: application/fhir+json`).
 * In FHIR, a policy not found is an answer (outcome `error`), as FHIR clients expect; every other
 * refusal stays problem+json.
 */
export const handler = httpHandler('verifyPolicy', async (event, caller) => {
  const deps = dependencies();
  const fhirIn = (header(event, 'content-type') ?? '').toLowerCase().startsWith(FHIR);
  const parsed = fhirIn ? parseEligibilityRequest(parseJsonBody(event, z.unknown())) : { verification: parseJsonBody(event, verificationRequestSchema), request: undefined };
  if (!fhirWanted(header(event, 'accept'))) return json(200, await verifyPolicy(deps, caller, parsed.verification));
  const check = { id: deps.newId(), checkedAt: deps.clock.now().toISOString(), request: parsed.request };
  try {
    const v = await verifyPolicy(deps, caller, parsed.verification);
    // A terminated policy's period ends the day it was terminated.
    return json(200, eligibilityResponse({ ...check, state: v.state, careToday: v.careToday, policy: { ...v, validTo: v.terminatedOn ?? v.validTo } }), { 'content-type': FHIR });
  } catch (error) {
    if (!(error instanceof Problem) || error.code !== 'policy-not-found') throw error;
    return json(200, eligibilityResponse({ ...check, state: 'unknown', careToday: false, reason: error.detail }), { 'content-type': FHIR });
  }
});
