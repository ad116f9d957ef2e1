import { findInsurer, assignInsurer, insurersOfRegion } from '../catalogues/insurers.ts';
import { getRegion } from '../catalogues/regions.ts';
import { addDays, localDate } from '../domain/dates.ts';
import { checkDocumentMasks, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { coverageEnd, documentErrors, eligibilityRefusal } from '../domain/eligibility.ts';
import { temporaryPolicyLeaflet } from '../domain/leaflet.ts';
import { Problem, type FieldError } from '../domain/problem.ts';
import { parseSnils } from '../domain/snils.ts';
import { assertAttemptsLeft, DUPLICATE_PROBES_PER_CALLER, DUPLICATE_PROBES_PER_PERSON, spendAttempt } from '../abuse/attempt-limits.ts';
import type { Caller } from '../auth/caller.ts';
import { authorizeFiling } from '../auth/filing.ts';
import { logger } from '../observability/logger.ts';
import { fingerprint } from '../privacy/lookup-hasher.ts';
import type { ApplicationCreated, ApplicationRequest } from '../schemas/application.ts';
import type { ApplicationRecord, EventRecord, PersonRecord, PolicyRecord } from '../store/records.ts';
import { auditEntry } from './audit.ts';
import { accountHasPerson, duplicateProblem, idempotencyKeyReused } from './intake-refusals.ts';
import type { Dependencies } from './dependencies.ts';

const REPRESENTATIVE_DOCUMENTS = new Set([14, 13, 9]);

interface Checked {
  snils?: string;
  documents: IdentityDocument[];
  representativeDocument?: IdentityDocument;
  insurerId?: string;
}

/** The domain's rules on an application that already has the right shape (zod). */
export function checkApplication(req: ApplicationRequest, today: string, deps: Pick<Dependencies, 'settings'>): Checked {
  const errors: FieldError[] = [];
  const { person } = req;
  if (person.birthDate > today) errors.push({ pointer: '/person/birthDate', code: 'birth-date-in-future', detail: 'Birth date is later than today.' });
  if (person.birthDate < '1900-01-01') errors.push({ pointer: '/person/birthDate', code: 'birth-date-too-early', detail: 'Birth date is before 1900.' });

  let snils: string | undefined;
  if (person.snils) {
    const parsed = parseSnils(person.snils);
    if (parsed.ok) snils = parsed.value;
    else errors.push({ pointer: '/person/snils', code: parsed.error, detail: parsed.error === 'snils-format' ? 'SNILS is 11 digits, XXX-XXX-XXX YY.' : 'SNILS check number does not match.' });
  }

  const documents = req.documents.map((d) => normalizeDocument(d as IdentityDocument));
  documents.forEach((d, i) => errors.push(...checkDocumentMasks(d, `/documents/${i}`)));

  let representativeDocument: IdentityDocument | undefined;
  if (req.representative) {
    representativeDocument = normalizeDocument(req.representative.document as IdentityDocument);
    if (!REPRESENTATIVE_DOCUMENTS.has(representativeDocument.type)) {
      errors.push({ pointer: '/representative/document/type', code: 'document-not-accepted', detail: "A representative shows a passport (14), a temporary identity card (13) or a foreign passport (9)." });
    } else {
      errors.push(...checkDocumentMasks(representativeDocument, '/representative/document'));
    }
  }

  if (req.insurerId && !insurersOfRegion(req.region).some((i) => i.id === req.insurerId)) {
    errors.push({ pointer: '/insurerId', code: 'insurer-not-in-region', detail: 'This insurer does not work in the chosen region.' });
  }

  const applicant = {
    category: req.category,
    birthDate: person.birthDate,
    snils,
    documents,
    hasRepresentative: Boolean(req.representative),
    stayUntil: req.stayUntil,
  };
  if (errors.length === 0) errors.push(...documentErrors(applicant, today));
  if (errors.length > 0) throw Problem.invalid(errors);

  const refusal = eligibilityRefusal(applicant, today, deps.settings.eligibility);
  if (refusal) {
    throw new Problem({
      status: 422,
      code: 'not-eligible',
      title: 'The person cannot be insured',
      detail: refusal.detail,
      errors: [{ pointer: refusal.pointer, code: refusal.code, detail: refusal.detail }],
    });
  }
  return { snils, documents, representativeDocument, insurerId: req.insurerId };
}

export interface SubmitOptions {
  idempotencyKey?: string;
}

export interface SubmitResult {
  body: ApplicationCreated;
  replayed: boolean;
}

/**
 * Files an application: a person, the application, a temporary policy and the П010 history line,
 * in one transaction; then asks for a number. If that request is lost, the sweeper repeats it.
 */
export async function submitApplication(deps: Dependencies, caller: Caller, req: ApplicationRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  const { settings, clock, calendar } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const region = getRegion(req.region);
  const today = localDate(now, region.timeZone);
  const checked = checkApplication(req, today, deps);
  const filer = authorizeFiling(caller, req, checked, today);
  const insurerChoice = checked.insurerId ?? filer.insurerId;

  const personId = deps.newId();
  const applicationId = deps.newId();
  const policyId = deps.newId();
  const insurer = insurerChoice ? findInsurer(insurerChoice)! : assignInsurer(region.code, personId);
  const end = coverageEnd({ category: req.category, stayUntil: req.stayUntil }, today);
  const termEnd = addDays(today, settings.temporaryPolicyDays - 1);
  const validTo = end && end < termEnd ? end : termEnd;
  const numberDueAt = calendar.endOfNextWorkingDay(now, region.timeZone).toISOString();
  const nextCheckAt = new Date(now.getTime() + settings.stalledAfterMinutes * 60_000).toISOString();

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
  };
  const application: ApplicationRecord = {
    applicationId,
    personId,
    channel: req.channel,
    region: region.code,
    insurerId: insurer.id,
    status: 'awaiting_number',
    temporaryPolicyId: policyId,
    submittedAt: at,
    numberDueAt,
    nextCheckAt,
    requeues: 0,
  };
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
  };
  const event: EventRecord = { eventId: deps.newId(), personId, kind: 'application_submitted', registerCode: 'П010', at, channel: req.channel, applicationId };

  const body: ApplicationCreated = {
    application: { id: applicationId, personId, channel: req.channel, region: region.code, status: 'awaiting_number', submittedAt: at, numberDueAt },
    temporaryPolicy: {
      id: policyId,
      form: 'В',
      status: 'active',
      validFrom: today,
      validTo,
      insurer: { id: insurer.id, name: insurer.name, phone: insurer.phone },
      region: region.code,
    },
    leaflet: temporaryPolicyLeaflet({ region: region.code, validTo, insurerPhone: insurer.phone }),
  };

  const hasher = await deps.hasher();
  const snilsHash = checked.snils && hasher.snils(checked.snils);
  const documentHashes = checked.documents.map((d) => hasher.document(d));
  // Whoever was refused too often as a duplicate (an oracle for "is this SNILS insured?") waits.
  await Promise.all([
    assertAttemptsLeft(deps, DUPLICATE_PROBES_PER_CALLER, caller.subject),
    ...[snilsHash, ...documentHashes].filter((h): h is string => Boolean(h)).map((h) => assertAttemptsLeft(deps, DUPLICATE_PROBES_PER_PERSON, h)),
  ]);

  const requestPrint = fingerprint(req);
  const outcome = await deps.store.createIntake({
    person,
    application,
    policy,
    event,
    snilsHash,
    documentHashes,
    audit: auditEntry(deps, caller, personId, 'create', 'submitApplication'),
    account: filer.account,
    idempotency: options.idempotencyKey
      ? {
          hash: hasher.idempotencyKey(caller.subject, options.idempotencyKey),
          fingerprint: requestPrint,
          response: body,
          expiresAt: Math.floor(now.getTime() / 1000) + settings.idempotencyTtlHours * 3600,
        }
      : undefined,
  });

  switch (outcome.kind) {
    case 'created':
      break;
    case 'replayed':
      if (outcome.fingerprint !== requestPrint) throw idempotencyKeyReused();
      return { body: outcome.response as ApplicationCreated, replayed: true };
    case 'duplicate': {
      const probedHash = outcome.by === 'snils' ? snilsHash! : documentHashes[outcome.documentIndex!]!;
      await Promise.all([spendAttempt(deps, DUPLICATE_PROBES_PER_CALLER, caller.subject), spendAttempt(deps, DUPLICATE_PROBES_PER_PERSON, probedHash)]);
      throw await duplicateProblem(deps, caller, outcome);
    }
    case 'account-has-person':
      throw accountHasPerson(outcome.personId);
  }

  logger.info('application filed', { applicationId, personId, region: region.code, channel: req.channel });
  try {
    const failed = await deps.numberRequests.send([applicationId]);
    if (failed.length > 0) logger.warn('number request not queued; the sweeper will repeat it', { applicationId });
  } catch (error) {
    logger.warn('number request not queued; the sweeper will repeat it', { applicationId, error: (error as Error).name });
  }
  return { body, replayed: false };
}
