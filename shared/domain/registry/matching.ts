/** Whom a civil-registry event names, from the register's lookups of each identifier it carries. */
export type Match = { kind: 'one'; personId: string } | { kind: 'none' } | { kind: 'several'; personIds: string[] };

/**
 * Identifiers that find someone must all find the same person; one the register does not know
 * (a SNILS not yet on the record) does not outweigh those it does. Nobody found, or two people,
 * and the event is kept for the fund: a person is never guessed, let alone by name.
 */
export function matchOf(found: readonly (string | undefined)[]): Match {
  const people = [...new Set(found.filter((p): p is string => p !== undefined))];
  if (people.length === 0) return { kind: 'none' };
  if (people.length === 1) return { kind: 'one', personId: people[0]! };
  return { kind: 'several', personIds: people.sort() };
}
