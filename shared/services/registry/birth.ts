import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/dates.ts';
import { withNextDeadline } from '../../domain/lifecycle/deadlines.ts';
import { REGISTER_CODES } from '../../domain/lifecycle/history-codes.ts';
import { eligibilityRefusal } from '../../domain/eligibility.ts';
import { newbornInsurance } from '../../domain/registry/newborn.ts';
import { logger } from '../../observability/logger.ts';
import type { BirthEvent } from '../../schemas/registry-events.ts';
import type { EventRecord, PersonRecord, PolicyRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { awaitingNumber } from '../awaiting-number.ts';
import { calendarAround } from '../catalogues/table-calendar.ts';
import { whom, type Delivery } from './find-person.ts';
import { unresolved, type Handled } from './handled.ts';

/**
 * A birth: the child is registered with no application, in one transaction with the event's record
 * (so a repeated delivery finds it): the child, insured from birth by the mother's insurer, with the
 * e-policy at once and the right to a PIN; the registration, which the number completes (the same
 * numbering, the same sweeper if the request is lost); the history entry R010; and the link from the
 * mother's account, if she has one, so that she sees the child. A birth certificate already in the
 * register (a parent applied first) changes nothing.
 */
export async function registerBirth(deps: Dependencies, event: BirthEvent, delivery: Delivery): Promise<Handled> {
  const match = await whom(deps, event.mother, delivery);
  if (match.kind !== 'one') return unresolved(match);
  const mother = await deps.store.getPerson(match.personId);
  if (!mother) return { outcome: 'unmatched', code: 'person-not-found' };

  const now = deps.clock.now();
  const at = now.toISOString();
  const region = getRegion(event.region ?? mother.region);
  const today = localDate(now, region.timeZone);
  const personId = deps.newId();
  const applicationId = deps.newId();
  const policyId = deps.newId();
  const [insurers, calendar, motherAccount] = await Promise.all([
    deps.catalogues.insurers(region.code),
    calendarAround(deps.catalogues, now, region.timeZone),
    deps.store.accountOwner(mother.personId),
  ]);
  const insurance = newbornInsurance(mother, { personId, region: region.code }, insurers, today, deps.settings.choices.assignment);
  const { child } = event;
  const refusal = eligibilityRefusal(
    { category: insurance.category, birthDate: child.birthDate, documents: [child.birthCertificate], hasRepresentative: true, ...(insurance.stayUntil ? { stayUntil: insurance.stayUntil } : {}) },
    today,
    deps.settings.intake.eligibility,
  );
  if (refusal) return { outcome: 'refused', code: refusal.code };

  const motherDocument = mother.documents[0];
  const person: PersonRecord = {
    personId,
    category: insurance.category,
    region: region.code,
    lastName: child.lastName,
    firstName: child.firstName,
    ...(child.middleName ? { middleName: child.middleName } : {}),
    birthDate: child.birthDate,
    sex: child.sex,
    ...(child.birthPlace ? { birthPlace: child.birthPlace } : {}),
    ...(child.snils ? { snils: child.snils } : {}),
    documents: [child.birthCertificate],
    ...(motherDocument
      ? { representative: { lastName: mother.lastName, firstName: mother.firstName, ...(mother.middleName ? { middleName: mother.middleName } : {}), relation: 'mother', document: motherDocument } }
      : {}),
    insurerId: insurance.insurer.id,
    ...(insurance.stayUntil ? { stayUntil: insurance.stayUntil } : {}),
    coverageEnd: insurance.coverageEnd,
    motherId: mother.personId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const application = awaitingNumber(now, region.timeZone, calendar, deps.settings.intake.stalledAfterMinutes, {
    applicationId,
    personId,
    channel: 'registry',
    region: region.code,
    insurerId: insurance.insurer.id,
  });
  // Insured from the day of birth, with the e-policy itself: a newborn has no temporary policy to outgrow.
  const policy: PolicyRecord = {
    policyId,
    personId,
    form: 'Э',
    status: 'active',
    validFrom: child.birthDate,
    validTo: insurance.coverageEnd,
    insurerId: insurance.insurer.id,
    region: region.code,
    applicationId,
    issuedAt: at,
  };
  const entry: EventRecord = {
    eventId: deps.newId(),
    personId,
    kind: 'registered_at_birth',
    registerCode: REGISTER_CODES.registeredAtBirth,
    at,
    channel: 'registry',
    applicationId,
    policyId,
    changes: { form: { to: 'Э' }, insurer: { to: insurance.insurer.id }, region: { to: region.code } },
    reason: insurance.byMother ? 'mother-insurer' : 'assigned',
  };

  const hasher = await deps.hasher();
  const outcome = await deps.store.createIntake({
    person: withNextDeadline(person, policy, region.timeZone),
    application,
    policy,
    event: entry,
    ...(child.snils ? { snilsHash: hasher.snils(child.snils) } : {}),
    documentHashes: [hasher.document(child.birthCertificate)],
    ...(motherAccount ? { account: { subject: motherAccount, relation: 'child' as const } } : {}),
    pin: { personId, pinId: deps.newId(), issuedAt: at, issuedBy: 'e-policy' },
    ...(delivery.as === 'arrived' ? { registryEvent: { eventId: event.eventId, kind: 'birth' as const, receivedAt: delivery.receivedAt, outcome: 'applied' as const, personId } } : {}),
  });
  switch (outcome.kind) {
    case 'event-recorded':
      return { outcome: 'no-change', code: 'repeated', recorded: true };
    case 'duplicate':
      // The child is in the register already (a parent applied before the registry reported the birth).
      return { outcome: 'no-change', personId: outcome.existing.personId, code: 'already-registered' };
    case 'created':
      break;
    default:
      throw new Error(`birth registration: unexpected intake outcome ${outcome.kind}`);
  }
  try {
    const failed = await deps.numberRequests.send([applicationId]);
    if (failed.length > 0) logger.warn('number request not queued; the sweeper will repeat it', { applicationId });
  } catch (error) {
    logger.warn('number request not queued; the sweeper will repeat it', { applicationId, error: (error as Error).name });
  }
  return { outcome: 'applied', personId, recorded: delivery.as === 'arrived' };
}
