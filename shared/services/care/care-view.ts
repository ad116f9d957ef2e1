import type { Caller } from '../../auth/caller.ts';
import { CARE_FIELDS } from '../../auth/care-visibility.ts';
import { redact } from '../../auth/field-visibility.ts';
import type { CareEventView } from '../../schemas/care.ts';
import type { CareEventRecord } from '../../store/care-store.ts';

/** A care event as `caller` may see it. */
export function careView(e: CareEventRecord, caller: Caller): Partial<CareEventView> {
  const view: CareEventView = {
    id: e.careId,
    personId: e.personId,
    date: e.date,
    clinicCode: e.clinicCode,
    clinicCatalogueVersion: e.clinicCatalogueVersion,
    kind: e.kind,
    diagnosisGroup: e.diagnosisGroup,
    insurerId: e.insurerId,
    insurerEventId: e.insurerEventId,
    recordedAt: e.recordedAt,
  };
  return redact(view, caller, CARE_FIELDS);
}
