import { assignInsurer, insurerWorking } from '../catalogues/insurers.ts';
import { getRegion } from '../catalogues/regions.ts';
import { addDays, localDate, startOfLocalDay } from '../domain/dates.ts';
import { conversionDay } from '../domain/lifecycle/conversion.ts';
import { withNextDeadline } from '../domain/lifecycle/deadlines.ts';
import { coverageEnd } from '../domain/eligibility.ts';
import { Problem } from '../domain/problem.ts';
import { countAttempt, DUPLICATE_PROBES_PER_CALLER, DUPLICATE_PROBES_PER_PERSON, takeAttempt, type Attempt } from '../abuse/attempt-limits.ts';
import type { Caller } from '../auth/caller.ts';
import { authorizeFiling } from '../auth/filing.ts';
import { logger } from '../observability/logger.ts';
import { metric } from '../observability/metrics.ts';
import { fingerprint } from '../privacy/lookup-hasher.ts';
import type { ApplicationCreated } from '../schemas/application.ts';
import type { ApplicationRequest } from '../schemas/application-request.ts';
import type { ApplicationRecord, EventRecord, PersonRecord, PolicyRecord } from '../store/records.ts';
import type { IdempotencyRecord } from '../store/register-store.ts';
import { applicationCreated } from './application-created.ts';
import { awaitingNumber } from './awaiting-number.ts';
import { calendarAround } from './catalogues/table-calendar.ts';
import { auditEntry } from './audit.ts';
import { checkApplication } from './intake-checks.ts';
import { accountHasPerson, duplicateProblem, idempotencyKeyReused } from './intake-refusals.ts';
import type { Dependencies } from './dependencies.ts';

export interface SubmitOptions {
  idempotencyKey?: string;
}

export interface SubmitResult {
  body: ApplicationCreated;
  replayed: boolean;
}

/** The first answer to an Idempotency-Key again, rebuilt from the records that filing wrote. */
async function firstAnswer(deps: Dependencies, filed: IdempotencyRecord): Promise<ApplicationCreated> {
  const [application, policy] = await Promise.all([deps.store.getApplication(filed.applicationId, true), deps.store.getPolicy(filed.personId, filed.policyId)]);
  if (!application || !policy) throw new Error(`idempotency record of application ${filed.applicationId} outlived its records`);
  return answerOf(deps, application, policy);
}

async function answerOf(deps: Dependencies, application: ApplicationRecord, policy: PolicyRecord): Promise<ApplicationCreated> {
  const [insurer, freeCare] = await Promise.all([deps.catalogues.insurer(policy.region, policy.insurerId), deps.catalogues.freeCare(policy.region)]);
  return applicationCreated(application, policy, insurer, freeCare);
}

/**
 * Files an application: a person, the application, a temporary policy and the П010 history line,
 * in one transaction; then asks for a number. If that request is lost, the sweeper repeats it.
 */
export async function submitApplication(deps: Dependencies, caller: Caller, req: ApplicationRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  const { clock } = deps;
  const settings = deps.settings.intake;
  const now = clock.now();
  const at = now.toISOString();
  const region = getRegion(req.region);
  const today = localDate(now, region.timeZone);
  const [insurers, calendar] = await Promise.all([deps.catalogues.insurers(region.code), calendarAround(deps.catalogues, now, region.timeZone)]);
  const checked = checkApplication(req, today, deps, insurers);
  const filer = authorizeFiling(caller, req, checked, today, insurers);
  const insurerChoice = checked.insurerId ?? filer.insurerId;

  const personId = deps.newId();
  const applicationId = deps.newId();
  const policyId = deps.newId();
  const insurer = (insurerChoice && insurerWorking(insurers, insurerChoice, today)) || assignInsurer(insurers, personId, today, deps.settings.choices.assignment);
  const end = coverageEnd({ category: req.category, stayUntil: req.stayUntil });
  const termEnd = addDays(today, settings.temporaryPolicyDays - 1);
  const validTo = end && end < termEnd ? end : termEnd;
  const convertOn = conversionDay(today, validTo, settings.conversionAfterDays);

  const person: PersonRecord = {
    personId,
    category: req.category,
    region: region.code,
    lastName: req.person.lastName,
    firstName: req.person.firstName,
    middleName: req.person.middleName,
    birthDate: req.person.birthDate,
    sex: req.person.sex,
    birthPlace: req.person.birthPlace,
    snils: checked.snils,
    documents: checked.documents,
    representative: req.representative && { ...req.representative, document: checked.representativeDocument! },
    contact: req.contact,
    insurerId: insurer.id,
    stayUntil: req.stayUntil,
    coverageEnd: end,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const application = awaitingNumber(now, region.timeZone, calendar, settings.stalledAfterMinutes, {
    applicationId,
    personId,
    channel: req.channel,
    region: region.code,
    insurerId: insurer.id,
    temporaryPolicyId: policyId,
  });
  const policy: PolicyRecord = {
    policyId,
    personId,
    form: 'В',
    status: 'active',
    validFrom: today,
    validTo,
    insurerId: insurer.id,
    region: region.code,
    applicationId,
    issuedAt: at,
    ...(convertOn ? { convertOn, convertAt: startOfLocalDay(convertOn, region.timeZone).toISOString() } : {}),
  };
  const event: EventRecord = { eventId: deps.newId(), personId, kind: 'application_submitted', registerCode: 'П010', at, channel: req.channel, applicationId };

  const body = await answerOf(deps, application, policy);

  const hasher = await deps.hasher();
  const snilsHash = checked.snils && hasher.snils(checked.snils);
  const documentHashes = checked.documents.map((d) => hasher.document(d));
  const requestPrint = fingerprint(req);
  const idempotency = options.idempotencyKey
    ? {
        hash: hasher.idempotencyKey(caller.subject, options.idempotencyKey),
        fingerprint: requestPrint,
        expiresAt: Math.floor(now.getTime() / 1000) + settings.idempotencyTtlHours * 3600,
      }
    : undefined;

  // A refusal as a duplicate tells "this SNILS is in the register": each filing takes one of the
  // caller's refusals before it is known, and gives it back if it is not refused, so that a
  // burst learns no more than the limit allows. A true replay is answered whatever the limits.
  let probe: Attempt;
  try {
    probe = await takeAttempt(deps, DUPLICATE_PROBES_PER_CALLER, caller.subject);
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 429) throw error;
    const replay = idempotency && (await deps.store.getIdempotencyRecord(idempotency.hash, now));
    if (replay && replay.fingerprint === requestPrint) return { body: await firstAnswer(deps, replay), replayed: true };
    throw error;
  }

  const outcome = await deps.store
    .createIntake({
      person: withNextDeadline(person, policy, region.timeZone),
      application,
      policy,
      event,
      snilsHash,
      documentHashes,
      audit: auditEntry(deps, caller, personId, 'create', 'submitApplication'),
      account: filer.account,
      idempotency,
    })
    .catch(async (error: unknown) => {
      await probe.returned();
      throw error;
    });

  switch (outcome.kind) {
    case 'created':
      await probe.returned();
      break;
    case 'replayed':
      await probe.returned();
      if (outcome.fingerprint !== requestPrint) throw idempotencyKeyReused();
      return { body: await firstAnswer(deps, outcome), replayed: true };
    case 'duplicate': {
      // Counted against the person too (refusals about one SNILS or document, from anyone).
      const probedHash = outcome.by === 'snils' ? snilsHash! : documentHashes[outcome.documentIndex!]!;
      await Promise.all([probe.refused(), countAttempt(deps, DUPLICATE_PROBES_PER_PERSON, probedHash)]);
      throw await duplicateProblem(deps, caller, outcome);
    }
    case 'account-has-person':
      await probe.returned();
      throw accountHasPerson(outcome.personId);
  }

  logger.info('application filed', { applicationId, personId, region: region.code, channel: req.channel });
  metric.applicationFiled();
  try {
    const failed = await deps.numberRequests.send([applicationId]);
    if (failed.length > 0) logger.warn('number request not queued; the sweeper will repeat it', { applicationId });
  } catch (error) {
    logger.warn('number request not queued; the sweeper will repeat it', { applicationId, error: (error as Error).name });
  }
  return { body, replayed: false };
}
