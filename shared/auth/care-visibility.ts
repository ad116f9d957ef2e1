import type { CareEventView } from '../schemas/care.ts';
import type { FieldRules } from './field-visibility.ts';

/**
 * Who sees what of a care event. Only the person (and a parent), the insurers and the fund read the
 * care history at all (`shared/config/routes.ts`): operators and clinics do not, as the minimal data
 * principle asks of medical data. The insurer's own event id is its bookkeeping: insurers and the fund.
 */
export const CARE_FIELDS: FieldRules<CareEventView> = {
  id: 'any',
  personId: 'any',
  date: 'any',
  clinicCode: 'any',
  clinicCatalogueVersion: 'any',
  kind: 'any',
  diagnosisGroup: 'any',
  insurerId: 'any',
  insurerEventId: ['insurer', 'fund_admin'],
  recordedAt: 'any',
};
