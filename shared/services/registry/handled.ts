import type { Match } from '../../domain/registry/matching.ts';
import type { RegistryOutcome } from '../../schemas/registry-events.ts';

/** What handling an event came to, before it is recorded. */
export interface Handled {
  outcome: RegistryOutcome;
  personId?: string;
  /** Why it was refused or changed nothing: a stable code. */
  code?: string;
  /** Ambiguous: the people its identifiers name. */
  candidates?: string[];
  /** Recorded already, in the transaction that applied it (a birth). */
  recorded?: boolean;
}

/** An event whose identifiers named nobody, or two people. */
export function unresolved(match: Exclude<Match, { kind: 'one' }>): Handled {
  return match.kind === 'none' ? { outcome: 'unmatched' } : { outcome: 'ambiguous', candidates: match.personIds };
}
