import { Problem } from '../../domain/problem.ts';
import type { PersonChange } from '../../domain/person-changes/person-change.ts';
import type { DocumentIssuedEvent, PersonalDataChangedEvent, SnilsAssignedEvent } from '../../schemas/registry-events.ts';
import type { Dependencies } from '../dependencies.ts';
import { changePersonDetails } from '../person-changes/change-person.ts';
import { whom, type Delivery } from './find-person.ts';
import { unresolved, type Handled } from './handled.ts';

type DataEvent = PersonalDataChangedEvent | DocumentIssuedEvent | SnilsAssignedEvent;

/** The change an event asks for, in the terms of the person's own changes. */
function changeOf(event: DataEvent): PersonChange {
  switch (event.kind) {
    case 'personal-data-changed': {
      const { lastName, firstName, middleName, birthDate, sex } = event;
      return { lastName, firstName, middleName, birthDate, sex };
    }
    case 'document-issued':
      return { document: event.document };
    case 'snils-assigned':
      return { snils: event.snils };
  }
}

/**
 * A change of name, birth date or sex (П061; the ЕНП stays, though it encodes the birth date and
 * sex), a new identity document or a SNILS (R061), applied by the same rule as the person's own
 * changes and an office's, the lookups moved in the same transaction. What the record already says
 * changes nothing; what the rule refuses (a terminated policy, an identifier another person holds,
 * a value out of its masks) is recorded as refused with its code, for the fund to see.
 */
export async function applyDataChange(deps: Dependencies, event: DataEvent, delivery: Delivery): Promise<Handled> {
  const match = await whom(deps, event.person, delivery);
  if (match.kind !== 'one') return unresolved(match);
  const { personId } = match;
  try {
    // The event's record is written with the change, so a redelivery never applies it over a newer one.
    const received = delivery.as === 'arrived' ? { received: { eventId: event.eventId, kind: event.kind, receivedAt: delivery.receivedAt } } : {};
    const result = await changePersonDetails(deps, personId, changeOf(event), { system: 'registry', eventId: event.eventId, ...received });
    if (result.outcome === 'repeated') return { outcome: 'no-change', code: 'repeated', recorded: true };
    return { outcome: result.outcome, personId, recorded: result.outcome === 'applied' };
  } catch (error) {
    if (!(error instanceof Problem) || error.status >= 500 || error.code === 'concurrent-change') throw error;
    if (error.status === 404) return { outcome: 'unmatched', code: 'person-not-found' };
    return { outcome: 'refused', personId, code: error.code };
  }
}
