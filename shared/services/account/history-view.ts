import type { Caller } from '../../auth/caller.ts';
import { redact } from '../../auth/field-visibility.ts';
import { HISTORY_FIELDS } from '../../auth/history-visibility.ts';
import type { HistoryEntryView } from '../../schemas/history.ts';
import type { EventRecord } from '../../store/records.ts';

/** A history entry as `caller` may see it. */
export function historyView(e: EventRecord, caller: Caller): Partial<HistoryEntryView> {
  const view: HistoryEntryView = {
    at: e.at,
    kind: e.kind,
    ...(e.registerCode ? { code: e.registerCode } : {}),
    channel: e.channel,
    ...(e.complaintId ? { complaintId: e.complaintId } : {}),
    ...(e.changes ? { changes: e.changes } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.catalogueVersion !== undefined ? { catalogueVersion: e.catalogueVersion } : {}),
    ...(e.actor ? { actor: e.actor } : {}),
  };
  return redact(view, caller, HISTORY_FIELDS);
}
