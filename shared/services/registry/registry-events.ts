import { localDate } from '../../domain/dates.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import type { RegistryEvent, RegistryOutcome } from '../../schemas/registry-events.ts';
import type { Dependencies } from '../dependencies.ts';
import { registerBirth } from './birth.ts';
import { applyDataChange } from './data-changes.ts';
import { registerDeath } from './death.ts';
import type { Delivery } from './find-person.ts';
import type { Handled } from './handled.ts';

/**
 * Deliveries of an event that names nobody before it is kept for the fund: events about one person
 * may arrive out of order (a SNILS for a child whose birth is a few messages behind), and the
 * queue's visibility timeout spaces the tries. Below the queue's `maxReceiveCount`, so an unmatched
 * event is kept, never dead-lettered.
 */
export const MATCH_TRIES = 3;

/** The country's first midnight: Kamchatka's. */
const EASTERNMOST_ZONE = 'Asia/Kamchatka';

/** An event that named nobody, tried again later: the consumer reports the record as failed. */
export class NotMatchedYet extends Error {
  constructor(eventId: string) {
    super(`registry event ${eventId} names nobody in the register yet; it is tried again`);
  }
}

/**
 * Applies one civil-registry event, once: a repeated delivery finds the event's record and changes
 * nothing. Every event ends recorded with its outcome (applied, no-change, refused) or, when it names
 * nobody or two people, kept whole for the fund (`GET /registry/unmatched`): never dropped.
 */
export async function applyRegistryEvent(deps: Dependencies, event: RegistryEvent, delivery: { receiveCount: number }): Promise<RegistryOutcome | 'repeated'> {
  if (await deps.registry.getEvent(event.eventId)) return report(event, 'repeated');
  const now = deps.clock.now();
  const receivedAt = now.toISOString();
  // An act registered later than today anywhere in the country is a sender's error, not a fact.
  const handled = event.registeredOn > localDate(now, EASTERNMOST_ZONE) ? { outcome: 'refused' as const, code: 'registered-in-future' } : await handle(deps, event, { as: 'arrived', receivedAt });
  if (handled.code === 'repeated') return report(event, 'repeated');
  if (handled.outcome === 'unmatched' && delivery.receiveCount < MATCH_TRIES) {
    logger.info('registry event names nobody yet; it is tried again', { eventId: event.eventId, kind: event.kind, delivery: delivery.receiveCount });
    throw new NotMatchedYet(event.eventId);
  }
  if (handled.outcome === 'unmatched' || handled.outcome === 'ambiguous') {
    const parked = await deps.registry.park({ eventId: event.eventId, kind: event.kind, receivedAt, outcome: handled.outcome, candidates: handled.candidates ?? [], event });
    return report(event, parked ? handled.outcome : 'repeated');
  }
  if (!handled.recorded) {
    const recorded = await deps.registry.recordEvent({
      eventId: event.eventId,
      kind: event.kind,
      receivedAt,
      outcome: handled.outcome,
      ...(handled.personId ? { personId: handled.personId } : {}),
      ...(handled.code ? { code: handled.code } : {}),
    });
    if (!recorded) return report(event, 'repeated');
  }
  return report(event, handled.outcome, handled);
}

/** Applies an event as it arrives, or as the fund resolves it to a person it names. */
export function handle(deps: Dependencies, event: RegistryEvent, delivery: Delivery): Promise<Handled> {
  switch (event.kind) {
    case 'birth':
      return registerBirth(deps, event, delivery);
    case 'death':
      return registerDeath(deps, event, delivery);
    default:
      return applyDataChange(deps, event, delivery);
  }
}

/** Ids, kinds and outcomes only: an event's contents are personal data and never logged. */
function report(event: RegistryEvent, outcome: RegistryOutcome | 'repeated', handled?: Handled): RegistryOutcome | 'repeated' {
  logger.info('registry event handled', { eventId: event.eventId, kind: event.kind, outcome, ...(handled?.personId ? { personId: handled.personId } : {}), ...(handled?.code ? { code: handled.code } : {}) });
  metric.registryEvent(event.kind, outcome);
  return outcome;
}
