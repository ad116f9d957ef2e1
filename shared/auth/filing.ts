import type { InsurerEntry } from '../catalogues/catalogue-documents.ts';
import { insurerWorking } from '../catalogues/insurers.ts';
import { ageInYears } from '../domain/dates.ts';
import { Problem } from '../domain/problem.ts';
import type { ApplicationRequest } from '../schemas/application-request.ts';
import type { AccountRelation } from '../store/records.ts';
import { hasRole, type Caller } from './caller.ts';

export interface Filer {
  account?: { subject: string; relation: AccountRelation };
  /** An insurer office files for its own insurer. */
  insurerId?: string;
}

/**
 * Who may file what: a citizen on the portal, for themselves (matching their verified SNILS when
 * the identity provider gives one) or for their minor child; an MFC operator in its region; an
 * insurer office operator for its insurer.
 */
export function authorizeFiling(caller: Caller, req: ApplicationRequest, checked: { snils?: string; insurerId?: string }, today: string, insurers: readonly InsurerEntry[]): Filer {
  const channel = (pointer: string, detail: string) => Problem.forbidden(detail, [{ pointer, code: 'out-of-scope', detail }], 'out-of-scope');
  switch (req.channel) {
    case 'portal': {
      if (!hasRole(caller, 'citizen')) throw channel('/channel', 'Only a citizen files on the portal.');
      const minor = ageInYears(req.person.birthDate, today) < 18;
      if (!minor && caller.snils && checked.snils !== caller.snils) {
        throw channel('/person/snils', 'A citizen files for themselves or for their minor child.');
      }
      return { account: { subject: caller.subject, relation: minor ? 'child' : 'self' } };
    }
    case 'mfc':
      if (!hasRole(caller, 'operator') || !caller.region) throw channel('/channel', 'Only an MFC operator files through an MFC.');
      if (caller.region !== req.region) throw channel('/region', "The application's region is not the operator's.");
      return {};
    case 'insurer':
      if (!hasRole(caller, 'operator') || !caller.insurerId) throw channel('/channel', "Only an insurer office's operator files through an insurer.");
      if (checked.insurerId && checked.insurerId !== caller.insurerId) throw channel('/insurerId', 'An insurer office files for its own insurer.');
      if (!insurerWorking(insurers, caller.insurerId, today)) throw channel('/region', "The operator's insurer does not work in this region.");
      return { insurerId: caller.insurerId };
  }
}
