import { matchOf, type Match } from '../../domain/registry/matching.ts';
import type { PersonReference } from '../../schemas/registry-events.ts';
import type { Dependencies } from '../dependencies.ts';

/** Whom an event's identifiers name: each looked up by its key (keyed hashes for SNILS and documents), all at once. */
export async function findPerson(deps: Pick<Dependencies, 'store' | 'hasher'>, ref: PersonReference): Promise<Match> {
  const hasher = ref.snils !== undefined || ref.document !== undefined ? await deps.hasher() : undefined;
  const found = await Promise.all([
    ref.enp ? deps.store.findByEnp(ref.enp) : undefined,
    ref.snils ? deps.store.findBySnils(hasher!.snils(ref.snils)) : undefined,
    ref.document ? deps.store.findByDocument(hasher!.document(ref.document)) : undefined,
  ]);
  return matchOf(found.map((f) => f?.personId));
}

/**
 * How an event is being handled: as it arrives (its record written with the change, where the
 * change is a transaction), or as the fund resolves it, naming the person it is about (its record
 * exists already: the resolution updates it).
 */
export type Delivery = { as: 'arrived'; receivedAt: string } | { as: 'resolved'; personId: string };

/** The person the fund named, or whom the identifiers name. */
export function whom(deps: Pick<Dependencies, 'store' | 'hasher'>, ref: PersonReference, delivery: Delivery): Promise<Match> {
  return delivery.as === 'resolved' ? Promise.resolve({ kind: 'one', personId: delivery.personId }) : findPerson(deps, ref);
}
