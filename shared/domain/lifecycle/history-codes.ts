import type { EventKind } from '../../store/records.ts';

/**
 * The federal register's event codes for the history, where one exists. Resumption has none in our
 * sources: the register writes its own `R025` ("R" for register-local, "025" for the suspension it
 * ends), outside the federal П range so that it can never be mistaken for, or clash with, a federal
 * code. Expiry at the end of the right, a region change without a change of insurer and a new PIN
 * carry no code.
 */
export const REGISTER_CODES = {
  initialChoice: 'П010',
  permanentIssued: 'П060',
  changedOnMovingByChoice: 'П032',
  changedOnMovingByFund: 'П035',
  death: 'П022',
  suspension: 'П025',
  resumption: 'R025',
} as const;

/** The code of a kind of event that always has the same one. */
export const CODE_OF_KIND: Partial<Record<EventKind, string>> = {
  application_submitted: REGISTER_CODES.initialChoice,
  permanent_issued: REGISTER_CODES.permanentIssued,
  suspended: REGISTER_CODES.suspension,
  resumed: REGISTER_CODES.resumption,
};
