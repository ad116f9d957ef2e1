import type { EventKind } from '../../store/records.ts';

/**
 * The federal register's event codes for the history, where one exists. Resumption has none in our
 * sources: the register writes its own `R025` ("R" for register-local, "025" for the suspension it
 * ends), outside the federal П range so that it can never be mistaken for, or clash with, a federal
 * code. Expiry at the end of the right, a region change without a change of insurer and a new PIN
 * carry no code. Of each pair of insurer changes (П031/П034 at will, П032/П035 on moving, П033/П036
 * when the insurer's contract ended), the first is written when the person named the new insurer,
 * the second when the fund assigned it: at will, a person who asks for "another insurer" without
 * naming one; on moving, one whose insurer does not work in the new region; on a contract's end,
 * everyone the fund reassigns (each may then choose again: П033). A clinic or doctor has no
 * federal code. A change of name, birth date or sex is П061; a new identity document, SNILS,
 * address or contacts has no federal code: the register writes its own `R061` ("R" register-local,
 * "061" for the personal-data change it sits beside), again outside the П range. A newborn
 * registered from the civil registry (no application, so no П010) gets `R010`: the register's own
 * counterpart of the initial choice, made by birth to the mother's insurer.
 */
export const REGISTER_CODES = {
  initialChoice: 'П010',
  permanentIssued: 'П060',
  changedAtWillByChoice: 'П031',
  changedAtWillByFund: 'П034',
  changedAfterContractEndByChoice: 'П033',
  reassignedAfterContractEnd: 'П036',
  changedOnMovingByChoice: 'П032',
  changedOnMovingByFund: 'П035',
  death: 'П022',
  suspension: 'П025',
  resumption: 'R025',
  personalDataChanged: 'П061',
  detailsChanged: 'R061',
  registeredAtBirth: 'R010',
  complaintFiled: 'R071',
  complaintClosed: 'R072',
  complaintOverdue: 'R073',
} as const;

/** The code of a kind of event that always has the same one. */
export const CODE_OF_KIND: Partial<Record<EventKind, string>> = {
  application_submitted: REGISTER_CODES.initialChoice,
  permanent_issued: REGISTER_CODES.permanentIssued,
  suspended: REGISTER_CODES.suspension,
  resumed: REGISTER_CODES.resumption,
  identity_changed: REGISTER_CODES.personalDataChanged,
  details_changed: REGISTER_CODES.detailsChanged,
  registered_at_birth: REGISTER_CODES.registeredAtBirth,
  complaint_filed: REGISTER_CODES.complaintFiled,
  complaint_closed: REGISTER_CODES.complaintClosed,
  complaint_overdue: REGISTER_CODES.complaintOverdue,
};
