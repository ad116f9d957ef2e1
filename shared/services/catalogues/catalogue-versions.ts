import { actorOf, type Caller } from '../../auth/caller.ts';
import type { CatalogueData, CatalogueKind, CatalogueVersion, Precondition } from '../../catalogues/catalogue-documents.ts';
import { Problem, type FieldError } from '../../domain/problem.ts';
import { logger } from '../../observability/logger.ts';
import type { Dependencies } from '../dependencies.ts';
import { catalogueRules } from './catalogue-rules.ts';

/** Rounds a change without `If-Match` takes when others keep writing first, before it gives up. */
const ROUNDS = 4;

/**
 * One version of a catalogue: the current one as this function keeps it (a minute at most), or an
 * older one by number, read as it was written. 404 when there is none.
 */
export async function catalogueVersion<K extends CatalogueKind>(deps: Pick<Dependencies, 'catalogues'>, kind: K, scope: string, version?: number): Promise<CatalogueVersion<K>> {
  const found = version === undefined ? await deps.catalogues.current(kind, scope) : await deps.catalogues.store.version(kind, scope, version);
  if (!found) throw Problem.notFound(version === undefined ? 'A version of this catalogue' : `Version ${version} of this catalogue`);
  return found;
}

export interface CatalogueChange<K extends CatalogueKind> {
  kind: K;
  scope: string;
  data: CatalogueData[K];
  precondition?: Precondition;
  /** What the caller's own rules found (a clinic's doctors against the clinic). */
  errors?: FieldError[];
}

const holds = (precondition: Precondition, current: number | undefined) =>
  current !== undefined && (precondition === 'any' || precondition.includes(current));

function notCurrent(current: number | undefined): Problem {
  return new Problem({
    status: 412,
    code: 'version-not-current',
    title: 'Not the current version',
    detail: current === undefined ? 'The catalogue has no version yet.' : `The current version is ${current}: read it, and send its tag in If-Match.`,
    extensions: { currentVersion: current ?? null },
  });
}

/**
 * The fund's change to a catalogue: its rules checked, then written as the next version on the
 * condition that no one wrote that number first (an old version is never rewritten: the versions
 * are the catalogue's audit trail). With `If-Match`, only over the version it names (412
 * otherwise); without, on the latest, reading again when another change landed first, up to four
 * rounds (then 409 `catalogue-changed`). `created`: this is the catalogue's first version.
 */
export async function changeCatalogue<K extends CatalogueKind>(
  deps: Pick<Dependencies, 'catalogues' | 'clock'>,
  caller: Caller,
  change: CatalogueChange<K>,
): Promise<{ version: CatalogueVersion<K>; created: boolean }> {
  const { kind, scope, data, precondition } = change;
  const errors = [...(change.errors ?? []), ...catalogueRules(kind, scope, data)];
  if (errors.length > 0) throw Problem.invalid(errors);
  const { store } = deps.catalogues;
  for (let round = 0; round < ROUNDS; round++) {
    const latest = await store.latest(kind, scope, true);
    if (precondition !== undefined && !holds(precondition, latest?.version)) throw notCurrent(latest?.version);
    const next: CatalogueVersion<K> = { kind, scope, version: (latest?.version ?? 0) + 1, data, changedAt: deps.clock.now().toISOString(), source: 'fund', changedBy: actorOf(caller) };
    if (await store.putVersion(next)) {
      deps.catalogues.forget(kind, scope);
      logger.info('catalogue version written', { kind, scope, version: next.version, previous: latest?.version ?? null });
      return { version: next, created: latest === undefined };
    }
  }
  throw new Problem({
    status: 409,
    code: 'catalogue-changed',
    title: 'Changed meanwhile',
    detail: 'Other changes to this catalogue kept landing first. Read it and try again.',
  });
}
