import { actorOf, type Caller } from '../auth/caller.ts';
import type { AuditRecord } from '../store/records.ts';
import type { Dependencies } from './dependencies.ts';

export function auditEntry(deps: Pick<Dependencies, 'clock' | 'newId'>, caller: Caller, personId: string, action: AuditRecord['action'], operation: string): AuditRecord {
  return { auditId: deps.newId(), personId, at: deps.clock.now().toISOString(), action, operation, actor: actorOf(caller) };
}

/** Records a read before its answer leaves: no audit entry, no answer. */
export async function auditRead(deps: Pick<Dependencies, 'store' | 'clock' | 'newId'>, caller: Caller, personId: string, operation: string, self: boolean) {
  if (self) return; // a person reading their own record is not news to them
  await deps.store.appendAudit(auditEntry(deps, caller, personId, 'read', operation));
}
