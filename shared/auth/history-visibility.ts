import type { HistoryEntryView } from '../schemas/history.ts';
import type { FieldRules } from './field-visibility.ts';

/**
 * Who sees what of a history entry: what happened, when and through which channel, everyone who may
 * see the person; why (a suspension's reason) and which office or user did it, the person and
 * those acting for them and the fund. An insurer learns the facts of its insured's policy, not who
 * at an MFC keyed them in, nor why a person suspended their insurance.
 */
export const HISTORY_FIELDS: FieldRules<HistoryEntryView> = {
  at: 'any',
  kind: 'any',
  code: 'any',
  channel: 'any',
  changes: 'any',
  // Which complaint (its id only: its contents are read through the complaint's own route, by the person, its insurer and the fund).
  complaintId: 'any',
  catalogueVersion: 'any',
  reason: ['citizen', 'operator', 'fund_admin'],
  actor: ['citizen', 'operator', 'fund_admin'],
};
