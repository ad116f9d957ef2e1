import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { composeEnp } from '#shared/domain/enp.ts';
import { keys } from '#shared/store/keys.ts';
import type { ApplicationRecord, ChoicesRecord, EventRecord, PersonRecord, PolicyRecord } from '#shared/store/records.ts';

/**
 * Fills a table with people as the register keeps them (person, application, policy, history line,
 * ЕНП lookup), written directly in batches: a large register in minutes, not hours of filings.
 * `due`: people still waiting for their number, past the sweeper's grace period at `at`.
 * `convertAt`: their temporary policies fall due for conversion then.
 * `usedLimits`: the first `count` of them changed their clinic this year, their counts due to be reset at `resetAt`.
 */
export async function fillRegister(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: { from: number; count: number; due?: boolean; at: string; convertAt?: string; usedLimits?: { count: number; year: number; resetAt: string } },
): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  const applicationIds: string[] = [];
  for (let n = options.from; n < options.from + options.count; n++) {
    const id = String(n).padStart(26, '0');
    const personId = `P${id.slice(1)}`;
    const applicationId = `A${id.slice(1)}`;
    const policyId = `T${id.slice(1)}`;
    const birthDate = `19${String(50 + (n % 50)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`;
    const enp = options.due ? undefined : composeEnp({ territory: '77', birthDate, sex: n % 2 ? 'male' : 'female', serial: (Math.floor(n / 2) % 99_999) + 1 });
    const person: PersonRecord = {
      personId,
      category: 'citizen',
      region: '77',
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: 'Иванович',
      birthDate,
      sex: n % 2 ? 'male' : 'female',
      snils: String(10_000_000_000 + n),
      documents: [{ type: 14, series: '4512', number: String(100_000 + (n % 900_000)) }],
      insurerId: 'sogaz-med',
      coverageEnd: null,
      ...(enp ? { enp } : {}),
      version: 1,
      createdAt: options.at,
      updatedAt: options.at,
    };
    const application: ApplicationRecord = {
      applicationId,
      personId,
      channel: 'mfc',
      region: '77',
      insurerId: 'sogaz-med',
      status: enp ? 'number_assigned' : 'awaiting_number',
      temporaryPolicyId: policyId,
      submittedAt: options.at,
      numberDueAt: options.at,
      requeues: 0,
      ...(enp ? { enp, numberAssignedAt: options.at } : { nextCheckAt: options.at }),
    };
    const policy: PolicyRecord = {
      policyId,
      personId,
      form: 'В',
      status: 'active',
      validFrom: options.at.slice(0, 10),
      validTo: '2027-01-06',
      insurerId: 'sogaz-med',
      region: '77',
      applicationId,
      issuedAt: options.at,
      ...(options.convertAt ? { convertOn: options.convertAt.slice(0, 10), convertAt: options.convertAt } : {}),
    };
    const event: EventRecord = { eventId: applicationId, personId, kind: 'application_submitted', registerCode: 'П010', at: options.at, channel: 'mfc', applicationId };
    items.push(
      { ...keys.person(personId), type: 'person', ...person, ...keys.insured(person.insurerId, person.region, personId) },
      { ...keys.application(applicationId), type: 'application', ...application, ...(enp ? {} : keys.workDue('NUMBERING', applicationId, options.at)) },
      { ...keys.policy(personId, policyId), type: 'policy', ...policy, ...(options.convertAt ? keys.workDue('CONVERSION', policyId, options.convertAt) : {}) },
      { ...keys.event(personId, options.at, applicationId), type: 'event', ...event },
    );
    if (enp) items.push({ ...keys.enpLookup(enp), type: 'lookup', personId, applicationId });
    const limits = options.usedLimits;
    if (limits && n < options.from + limits.count) {
      const choices: ChoicesRecord = {
        personId,
        clinic: { code: '770101', region: '77', name: 'ГП № 2', since: options.at.slice(0, 10), catalogueVersion: 1 },
        used: { year: limits.year, insurer: 0, clinic: 1, doctor: 0 },
        region: '77',
        resetAt: limits.resetAt,
      };
      items.push({ ...keys.choices(personId), type: 'choices', ...choices, ...keys.workDue('RESET', personId, limits.resetAt) });
    }
    applicationIds.push(applicationId);
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few batches in flight at once; unprocessed items are written again.
  const workers = Array.from({ length: 6 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  });
  await Promise.all(workers);
  return applicationIds;
}
