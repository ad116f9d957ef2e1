import type { IdentityDocument } from '../../domain/documents.ts';
import type { PersonChange } from '../../domain/person-changes/person-change.ts';
import { Problem, type FieldError } from '../../domain/problem.ts';
import { parseSnils } from '../../domain/snils.ts';
import type { PersonChangeRequest } from '../../schemas/person-change-request.ts';

/** The change a `PATCH /persons/{personId}` body asks for, and the PIN it carries: 422 for a SNILS that is none, or a body that changes nothing. */
export function changeOfRequest(request: PersonChangeRequest): { change: PersonChange; pin?: string } {
  const { pin, nameChangeBasis, snils, document, ...details } = request;
  const errors: FieldError[] = [];
  let digits: string | undefined;
  if (snils !== undefined) {
    const parsed = parseSnils(snils);
    if (parsed.ok) digits = parsed.value;
    else errors.push({ pointer: '/snils', code: parsed.error, detail: parsed.error === 'snils-format' ? 'SNILS is 11 digits, XXX-XXX-XXX YY.' : 'SNILS check number does not match.' });
  }
  const change: PersonChange = {
    ...details,
    ...(document ? { document: document as IdentityDocument } : {}),
    ...(digits ? { snils: digits } : {}),
    ...(nameChangeBasis ? { nameBasis: nameChangeBasis } : {}),
  };
  if (Object.keys(details).length === 0 && !document && snils === undefined) {
    errors.push({ pointer: '/', code: 'empty-change', detail: 'Give at least one detail to change.' });
  }
  if (errors.length > 0) throw Problem.invalid(errors);
  return { change, ...(pin !== undefined ? { pin } : {}) };
}
