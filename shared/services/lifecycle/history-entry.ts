import { actorOf, type Caller } from '../../auth/caller.ts';
import type { Channel, EventRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';

/** Where a caller's change came from: the portal for citizens, the MFC or the insurer office for operators. */
export function channelOf(caller: Caller): Channel {
  if (caller.roles.includes('citizen')) return 'portal';
  return caller.insurerId && !caller.region ? 'insurer' : 'mfc';
}

/**
 * A history entry of a change made now by `caller`, or by the register itself when there is none
 * (`system`, or `registry` when the civil registry reported it).
 */
export function historyEntry(
  deps: Pick<Dependencies, 'clock' | 'newId'>,
  personId: string,
  what: Pick<EventRecord, 'kind' | 'registerCode' | 'changes' | 'reason' | 'policyId' | 'applicationId' | 'complaintId' | 'catalogueVersion'>,
  caller?: Caller,
  source: 'system' | 'registry' = 'system',
): EventRecord {
  return {
    eventId: deps.newId(),
    personId,
    at: deps.clock.now().toISOString(),
    channel: caller ? channelOf(caller) : source,
    ...(caller ? { actor: actorOf(caller) } : {}),
    ...what,
  };
}
