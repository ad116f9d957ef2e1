import type { Caller } from '../../auth/caller.ts';
import { findRegion, getRegion } from '../../catalogues/regions.ts';
import { careDateRefusal, clinicRegionOf, insurerSince, type CareFacts } from '../../domain/care/care-rules.ts';
import { localDate } from '../../domain/local-date.ts';
import { Problem } from '../../domain/problem.ts';
import { fingerprint } from '../../privacy/lookup-hasher.ts';
import type { CareEventView } from '../../schemas/care.ts';
import type { CareContext, CareEventIdRecord, CareEventRecord } from '../../store/care-store.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { careView } from './care-view.ts';

/** One care event as an insurer reports it: for a person, under the insurer's own event id. */
export interface CareReport extends CareFacts {
  personId: string;
  eventId: string;
}

export type CareOutcome = { status: 'created' | 'replayed'; event: Partial<CareEventView> } | { status: 'refused'; problem: Problem };

export const RECORD_OPERATION = 'recordCareEvent';

/**
 * Records one care event for the calling insurer, idempotently by its own event id: the first
 * report makes it (`created`), a repeat with the same facts answers the same (`replayed`), the same
 * id with other facts is refused (`care-event-id-reused`). The insurer must be the person's current
 * insurer (else 404, as for any record out of its scope), and the event stamped with it must fall in
 * its time (`shared/domain/care/care-rules.ts`). `contexts` shares the person's reads across a batch.
 */
export async function recordCare(deps: Dependencies, caller: Caller, report: CareReport, contexts = new Map<string, Promise<CareContext>>()): Promise<CareOutcome> {
  // The route takes insurers only, and a token of that role always names its insurer (`incomplete-token` otherwise).
  const insurerId = caller.insurerId!;
  const { personId, eventId, date, clinicCode, kind, diagnosisGroup } = report;
  const facts = { personId, date, clinicCode, kind, diagnosisGroup };
  const print = fingerprint(facts);
  const idHash = (await deps.hasher()).idempotencyKey(`care-event:${insurerId}`, eventId);

  let context = contexts.get(personId);
  if (!context) contexts.set(personId, (context = deps.care.careContext(personId)));
  const decided = await decide(deps, insurerId, report, await context);
  if (decided instanceof Problem) {
    // A refusal now may be a repeat of what was accepted before (e.g. after the person moved on): it answers the same.
    const existing = await deps.care.findCareEventId(idHash);
    return existing ? repeated(existing, print, caller, insurerId, report) : { status: 'refused', problem: decided };
  }
  const event: CareEventRecord = { careId: deps.newId(), ...facts, clinicCatalogueVersion: decided.catalogueVersion, insurerId, insurerEventId: eventId, recordedAt: deps.clock.now().toISOString() };
  const outcome = await deps.care.recordCare({ event, idHash, fingerprint: print, audit: auditEntry(deps, caller, personId, 'create', RECORD_OPERATION) });
  if (outcome.kind === 'exists') return repeated(outcome.existing, print, caller, insurerId, report);
  return { status: 'created', event: careView(event, caller) };
}

/** The insurer's scope, the date's rules and the clinic: the clinic's catalogue version, or the problem. */
async function decide(deps: Dependencies, insurerId: string, report: CareReport, { person, insurerChanges }: CareContext): Promise<{ catalogueVersion: number } | Problem> {
  if (!person || person.insurerId !== insurerId) return Problem.notFound('The person');
  const zone = getRegion(person.region).timeZone;
  const refusal = careDateRefusal(report.date, {
    today: localDate(deps.clock.now(), zone),
    birthDate: person.birthDate,
    insurerSince: insurerSince(insurerChanges, insurerId, zone),
  });
  if (refusal?.status === 409) return new Problem({ status: 409, code: refusal.code, title: 'Not the caller\'s time', detail: refusal.error.detail, errors: [refusal.error] });
  if (refusal) return Problem.invalid([refusal.error]);
  // Care is given anywhere in the country: the clinic is looked up in its own region's catalogue (kept a minute by each function).
  const region = clinicRegionOf(report.clinicCode);
  const found = findRegion(region) ? await deps.catalogues.clinic(region, report.clinicCode) : undefined;
  if (!found) return Problem.invalid([{ pointer: '/clinicCode', code: 'unknown-clinic', detail: 'No clinic with this code in the catalogue of its region.' }]);
  return { catalogueVersion: found.version };
}

/** The insurer's event id was used: the same facts answer as the first time did, others are refused. */
function repeated(existing: CareEventIdRecord, print: string, caller: Caller, insurerId: string, report: CareReport): CareOutcome {
  if (existing.fingerprint !== print) {
    return {
      status: 'refused',
      problem: new Problem({
        status: 409,
        code: 'care-event-id-reused',
        title: 'Event id used for another event',
        detail: 'This event id was reported before with other facts. Give each event its own id.',
        errors: [{ pointer: '/eventId', code: 'care-event-id-reused', detail: 'Reported before with other facts.' }],
      }),
    };
  }
  const { personId, date, clinicCode, kind, diagnosisGroup, eventId } = report;
  const event: CareEventRecord = { careId: existing.careId, personId, date, clinicCode, kind, diagnosisGroup, clinicCatalogueVersion: existing.clinicCatalogueVersion, insurerId, insurerEventId: eventId, recordedAt: existing.recordedAt };
  return { status: 'replayed', event: careView(event, caller) };
}
