import { findInsurer } from '../catalogues/insurers.ts';
import { temporaryPolicyLeaflet } from '../domain/leaflet.ts';
import type { ApplicationCreated } from '../schemas/application.ts';
import type { ApplicationRecord, PolicyRecord } from '../store/records.ts';

/**
 * The answer to a filing, made from the records it wrote: the first answer and every replay of
 * its Idempotency-Key are the same bytes, and the key's record keeps ids, not the answer. It shows
 * the application and the temporary policy as they were filed, whatever happened since.
 */
export function applicationCreated(application: ApplicationRecord, policy: PolicyRecord): ApplicationCreated {
  const insurer = findInsurer(policy.insurerId);
  if (!insurer) throw new Error(`policy ${policy.policyId} names an unknown insurer`);
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
      insurer: { id: insurer.id, name: insurer.name, phone: insurer.phone },
      region: policy.region,
    },
    leaflet: temporaryPolicyLeaflet({ region: policy.region, validTo, insurerPhone: insurer.phone }),
  };
}
