import type { Caller } from '../../auth/caller.ts';
import { Problem } from '../../domain/problem.ts';
import { logger } from '../../observability/logger.ts';
import type { Resolution } from '../../schemas/registry-events.ts';
import type { RegistryEventRecord } from '../../store/registry-store.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { handle } from './registry-events.ts';

export type Resolved = Pick<RegistryEventRecord, 'eventId' | 'kind' | 'personId' | 'code'> & { outcome: 'applied' | 'no-change' | 'dismissed'; resolvedAt: string };

/** How long a resolution may hold an event before another may take it (one that died holding it). */
const CLAIM_MS = 5 * 60_000;

const beingResolved = () => new Problem({ status: 409, code: 'resolution-in-progress', title: 'Being resolved', detail: 'Another resolution of this event is under way; read the list again in a moment.' });

const alreadyResolved = () => new Problem({ status: 409, code: 'already-resolved', title: 'Already resolved', detail: 'The event was resolved meanwhile; it is no longer on the list.' });

/**
 * The fund's resolution of an event the register kept: applied to the person the fund names (for
 * a birth, the mother), by the same rules as on arrival, or dismissed with a reason. What the rules
 * refuse is answered as the refusal, and the event stays on the list. The event's record is updated
 * and the event taken off the list together, once. A resolution holds the event while it applies
 * it, so two racing never both apply it: the second is told so. The person changed is audited.
 */
export async function resolveUnmatched(deps: Dependencies, caller: Caller, eventId: string, resolution: Resolution): Promise<Resolved> {
  const kept = await deps.registry.getUnmatched(eventId);
  if (!kept) throw Problem.notFound('The unmatched event');
  const resolvedAt = deps.clock.now().toISOString();
  const by = { resolvedAt, resolvedBy: caller.subject };
  if (resolution.action === 'dismiss') {
    if (!(await deps.registry.resolve(kept, { outcome: 'dismissed', code: resolution.reason, ...by }))) throw alreadyResolved();
    logger.info('registry event dismissed', { eventId, kind: kept.kind, reason: resolution.reason });
    return { eventId, kind: kept.kind, outcome: 'dismissed', code: resolution.reason, resolvedAt };
  }
  if (!(await deps.store.getPerson(resolution.personId))) {
    throw Problem.invalid([{ pointer: '/personId', code: 'unknown-person', detail: 'No person in the register has this id.' }]);
  }
  const now = deps.clock.now();
  if (!(await deps.registry.claim(kept, now.toISOString(), new Date(now.getTime() - CLAIM_MS).toISOString()))) throw beingResolved();
  const handled = await handle(deps, kept.event, { as: 'resolved', personId: resolution.personId }).catch(async (error: unknown) => {
    await deps.registry.release(kept);
    throw error;
  });
  if (handled.outcome === 'refused' || handled.outcome === 'unmatched') await deps.registry.release(kept);
  if (handled.outcome === 'unmatched') throw Problem.invalid([{ pointer: '/personId', code: 'unknown-person', detail: 'No person in the register has this id.' }]);
  if (handled.outcome === 'refused') {
    throw new Problem({ status: 409, code: handled.code ?? 'refused', title: 'Refused by the rules', detail: 'The event cannot be applied to this person; it stays on the list.' });
  }
  const outcome = handled.outcome === 'applied' ? 'applied' : 'no-change';
  const personId = handled.personId ?? resolution.personId;
  const recorded = await deps.registry.resolve(kept, { outcome, personId, ...(handled.code ? { code: handled.code } : {}), ...by });
  await deps.store.appendAudit(auditEntry(deps, caller, personId, 'update', 'resolveRegistryEvent'));
  if (!recorded) throw alreadyResolved();
  logger.info('registry event resolved', { eventId, kind: kept.kind, outcome, personId });
  return { eventId, kind: kept.kind, outcome, personId, ...(handled.code ? { code: handled.code } : {}), resolvedAt };
}
