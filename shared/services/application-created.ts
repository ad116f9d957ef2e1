import type { InsurerEntry } from '../catalogues/catalogue-documents.ts';
import { insurerContacts } from '../catalogues/insurers.ts';
import { temporaryPolicyLeaflet } from '../domain/leaflet.ts';
import type { ApplicationCreated } from '../schemas/application.ts';
import type { ApplicationRecord, PolicyRecord } from '../store/records.ts';

/**
 * The answer to a filing, made from the records it wrote: the first answer and every replay of
 * its Idempotency-Key are the same bytes, and the key's record keeps ids, not the answer. It shows
 * the application and the temporary policy as they were filed, whatever happened since (the
 * insurer's contacts and the free care as the catalogues say today).
 */
export function applicationCreated(application: ApplicationRecord, policy: PolicyRecord, insurer: InsurerEntry | undefined, freeCare: string[]): ApplicationCreated {
  const validTo = policy.validTo!;
  return {
    application: {
      id: application.applicationId,
      personId: application.personId,
      channel: application.channel,
      region: application.region,
      status: 'awaiting_number',
      submittedAt: application.submittedAt,
      numberDueAt: application.numberDueAt,
    },
    temporaryPolicy: {
      id: policy.policyId,
      form: 'В',
      status: 'active',
      validFrom: policy.validFrom,
      validTo,
      insurer: insurerContacts(insurer, policy.insurerId),
      region: policy.region,
    },
    leaflet: temporaryPolicyLeaflet({ validTo, insurerPhone: insurer?.phone ?? '', freeCare }),
  };
}
