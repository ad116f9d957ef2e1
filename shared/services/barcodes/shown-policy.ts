import type { Caller } from '../../auth/caller.ts';
import { signedPolicyPayload, BarcodeError, type PayloadHolder } from '../../barcode/index.ts';
import type { InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { effectiveStatus } from '../../domain/lifecycle/policy-status.ts';
import { localDate } from '../../domain/local-date.ts';
import { Problem } from '../../domain/problem.ts';
import type { PersonRecord, PolicyRecord, PolicyStatus } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { readable } from '../queries.ts';

/** A policy the person may show (by barcode or extract): numbered, temporary or permanent, active or suspended. */
export interface ShownPolicy {
  person: PersonRecord & { enp: string };
  policy: PolicyRecord;
  status: PolicyStatus;
  insurer: InsurerEntry | undefined;
}

const conflict = (code: string, title: string, detail: string) => new Problem({ status: 409, code, title, detail });

/**
 * The person's current policy, if it can be shown today. A terminated or expired policy gives no
 * barcode (a reception would read it as valid); one still without its number neither, since the
 * barcode and the extract carry the ЕНП. The read is audited like any read of the person.
 */
export async function shownPolicy(deps: Dependencies, caller: Caller, personId: string, operation: string): Promise<ShownPolicy> {
  const found = await deps.store.getPersonAndPolicy(personId);
  const person = await readable(deps, caller, found.person, operation);
  const policy = found.policy;
  if (!policy) throw Problem.notFound('The policy');
  const status = effectiveStatus(policy, localDate(deps.clock.now(), getRegion(policy.region).timeZone));
  if (status === 'terminated') throw conflict('policy-terminated', 'The policy is terminated', 'A terminated policy is not shown: the reception checks the person by document.');
  if (status === 'expired' || status === 'replaced') throw conflict('policy-expired', 'The policy has ended', 'A policy past its last day is not shown.');
  if (!person.enp) throw conflict('no-number-yet', 'No policy number yet', 'The barcode and the extract carry the ЕНП, assigned within one working day of filing; until then the temporary policy is checked by document.');
  return { person: person as ShownPolicy['person'], policy, status, insurer: await deps.catalogues.insurer(policy.region, policy.insurerId) };
}

export function payloadHolder({ person, policy }: Pick<ShownPolicy, 'person' | 'policy'>): PayloadHolder {
  return { enp: person.enp, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName, sex: person.sex, birthDate: person.birthDate, validTo: policy.validTo };
}

/** The 130 bytes of the policy's barcode, signed with the key that signs now, and what the name rule changed. */
export async function signedPayloadOf(deps: Dependencies, shown: ShownPolicy) {
  const key = await deps.signing.signer(deps.clock.now());
  try {
    return signedPolicyPayload(payloadHolder(shown), key);
  } catch (error) {
    // The register took the name at filing; a character no rule brings into the barcode's alphabet is the record's, not the request's.
    if (error instanceof BarcodeError) throw conflict('not-encodable', 'The barcode cannot carry this record', `${error.detail} The policy is checked by number or document.`);
    throw error;
  }
}
