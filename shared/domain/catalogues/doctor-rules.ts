import type { CatalogueData, Clinic } from '../../catalogues/catalogue-documents.ts';
import type { FieldError } from '../problem.ts';

/** A clinic's doctors are of the kinds it attaches people to (its `attaches` in the region's clinics). */
export function attachedKindRules(clinic: Clinic, { doctors }: CatalogueData['doctors']): FieldError[] {
  const kinds = new Set<string>(clinic.attaches);
  return doctors.flatMap((d, i) =>
    kinds.has(d.specialty)
      ? []
      : [{ pointer: `/doctors/${i}/specialty`, code: 'not-attached', detail: `Clinic ${clinic.code} attaches people to ${clinic.attaches.join(', ') || 'no doctor'}, not to a ${d.specialty}.` }],
  );
}
