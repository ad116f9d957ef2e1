import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueData } from '#shared/catalogues/catalogue-documents.ts';
import type { Clock } from '#shared/clock.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import { personalAccount, personHistory } from '#shared/services/account/account.ts';
import { reassignEndedContracts } from '#shared/services/choices/contract-ends.ts';
import { makeChoice, type ChoiceRequest } from '#shared/services/choices/make-choice.ts';
import { resetYearlyCounts } from '#shared/services/choices/yearly-reset.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { adultApplication, childApplication, citizenFor, mfcOperator, viaMfc } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { fillRegister } from '../support/register-fill.ts';
import { refusal } from '../support/problems.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const mfc = mfcOperator('77');

async function register(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  const deps = await local.deps({ clock });
  return { deps, at: (instant: string) => void (now = new Date(instant).getTime()) };
}

/** Filed by an MFC of the request's region (or by a citizen on the portal), and numbered. */
async function file(deps: Dependencies, request: ApplicationRequest, citizen?: ReturnType<typeof citizenFor>) {
  const [as, filed] = citizen ? [citizen, { ...request, channel: 'portal' as const }] : [mfcOperator(request.region), viaMfc(request)];
  const { body } = await submitApplication(deps, as, applicationRequestSchema.parse(filed));
  await assignNumber(deps, body.application.id);
  return body.application.personId;
}

/** A month on, the conversion job gives them the e-policy: their choices outlive the temporary policy. */
async function monthLater(deps: Dependencies, at: (instant: string) => void, instant: string) {
  at(instant);
  expect((await convertTemporaryPolicies(deps)).converted).toBeGreaterThan(0);
}

const choose = (deps: Dependencies, personId: string, request: ChoiceRequest, as = mfc) => makeChoice(deps, as, personId, request, 'test');

describe('choices of clinic and doctor', () => {
  it('attaches to a clinic and a doctor, counts the changes at will a year, and says when the next is allowed', async () => {
    const { deps, at } = await register('2026-02-01T09:00:00Z');
    const personId = await file(deps, adultApplication(1));
    await monthLater(deps, at, '2026-03-10T09:00:00Z');
    // The first attachment is not a change.
    const first = await choose(deps, personId, { kind: 'clinic', clinicCode: '770101' });
    expect(first).toMatchObject({ changed: { clinic: { from: null, to: '770101' } }, clinic: { code: '770101', since: '2026-03-10', catalogueVersion: 1 }, limits: { year: 2026, clinic: { used: 0, left: 1 } } });
    const doctor = await choose(deps, personId, { kind: 'doctor', doctorCode: '770101-01' });
    expect(doctor).toMatchObject({ doctor: { code: '770101-01', specialty: 'therapist' }, limits: { doctor: { used: 0, left: 1 } } });
    // A doctor of the same clinic: counted; the next one waits for the new year.
    expect(await choose(deps, personId, { kind: 'doctor', doctorCode: '770101-02' })).toMatchObject({ limits: { doctor: { used: 1, left: 0, nextChangeOn: '2027-01-01' } } });
    expect(await refusal(choose(deps, personId, { kind: 'doctor', doctorCode: '770101-03' }))).toEqual({ status: 409, code: 'yearly-limit-reached', nextChangeOn: '2027-01-01' });
    // A new clinic is counted, and lets go of the old clinic's doctor: the first doctor there is free.
    expect(await choose(deps, personId, { kind: 'clinic', clinicCode: '770103' })).toMatchObject({ changed: { clinic: { from: '770101', to: '770103' }, doctor: { from: '770101-02', to: null } }, doctor: null, limits: { clinic: { used: 1, left: 0 } } });
    expect(await choose(deps, personId, { kind: 'doctor', doctorCode: '770103-01' })).toMatchObject({ doctor: { code: '770103-01' } });
    expect(await refusal(choose(deps, personId, { kind: 'clinic', clinicCode: '770104' }))).toEqual({ status: 409, code: 'yearly-limit-reached', nextChangeOn: '2027-01-01' });
    // The counts remember their year: on 1 January in Moscow the next change is allowed, before any reset ran.
    at('2026-12-31T21:00:00Z');
    expect(await choose(deps, personId, { kind: 'clinic', clinicCode: '770104' })).toMatchObject({ limits: { year: 2027, clinic: { used: 1, left: 0 } } });

    const account = await personalAccount(deps, mfc, personId);
    expect(account).toMatchObject({ clinic: { code: '770104', name: 'ГП № 68' }, doctor: null, limits: { year: 2027, clinic: { used: 1 }, doctor: { used: 0, left: 1 } } });
    const history = (await personHistory(deps, mfc, personId, {})).items;
    expect(history.filter((e) => e.kind === 'clinic_changed').map((e) => e.catalogueVersion)).toEqual([1, 1, 1]);
  });

  it('refuses what the rules do not allow, each with its code and the field at fault', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const adult = await file(deps, adultApplication(2));
    expect(await refusal(choose(deps, adult, { kind: 'clinic', clinicCode: '780101' }))).toMatchObject({ status: 422, pointer: '/clinicCode', field: 'not-in-region' });
    expect(await refusal(choose(deps, adult, { kind: 'clinic', clinicCode: '779999' }))).toMatchObject({ status: 422, field: 'unknown-clinic' });
    // A children's polyclinic does not attach an adult.
    expect(await refusal(choose(deps, adult, { kind: 'clinic', clinicCode: '770102' }))).toMatchObject({ status: 422, field: 'clinic-not-attaching' });
    expect(await refusal(choose(deps, adult, { kind: 'doctor', doctorCode: '770101-01' }))).toMatchObject({ status: 409, code: 'no-clinic' });
    await choose(deps, adult, { kind: 'clinic', clinicCode: '770104' });
    expect(await refusal(choose(deps, adult, { kind: 'clinic', clinicCode: '770104' }))).toMatchObject({ status: 409, code: 'already-chosen' });
    expect(await refusal(choose(deps, adult, { kind: 'doctor', doctorCode: '770104-04' }))).toMatchObject({ status: 422, field: 'doctor-not-for-age' });
    expect(await refusal(choose(deps, adult, { kind: 'doctor', doctorCode: '770101-01' }))).toMatchObject({ status: 422, field: 'doctor-not-in-clinic' });
    // A suspended policy changes only by resuming.
    await changePolicy(deps, mfc, adult, { kind: 'suspend', reason: 'military_service' }, 'suspendPolicy');
    expect(await refusal(choose(deps, adult, { kind: 'doctor', doctorCode: '770104-01' }))).toMatchObject({ status: 409, code: 'policy-suspended' });
  });

  it("makes a child's choices through a parent's account, never the child's own", async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const parent = citizenFor(3);
    const child = await file(deps, { ...childApplication(3, '2019-04-01'), region: '77' }, parent);
    expect(await choose(deps, child, { kind: 'clinic', clinicCode: '770102' }, parent)).toMatchObject({ clinic: { code: '770102' } });
    expect(await choose(deps, child, { kind: 'doctor', doctorCode: '770102-01' }, parent)).toMatchObject({ doctor: { specialty: 'pediatrician' } });
    expect(await refusal(choose(deps, child, { kind: 'clinic', clinicCode: '770104' }, citizenFor(4)))).toMatchObject({ status: 404 });
  });

  it('moving to another region frees the clinic choice there', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(5));
    await choose(deps, personId, { kind: 'clinic', clinicCode: '770101' });
    await choose(deps, personId, { kind: 'clinic', clinicCode: '770103' });
    await changePolicy(deps, mfc, personId, { kind: 'change-region', region: '78' }, 'changeRegion');
    const spb = mfcOperator('78');
    expect((await personalAccount(deps, spb, personId)).clinic).toBeNull();
    expect(await choose(deps, personId, { kind: 'clinic', clinicCode: '780101' }, spb)).toMatchObject({ clinic: { code: '780101' }, limits: { clinic: { used: 1, left: 0 } } });
  });
});

describe('the insurer at will', () => {
  it('changes once a year until 1 November (П031), by the fund when none is named (П034), counted in the region', async () => {
    const { deps, at } = await register('2026-05-01T09:00:00Z');
    const [a, b, c, d] = (await Promise.all([6, 7, 8, 9].map((s) => file(deps, { ...adultApplication(s), insurerId: 'sogaz-med' })))) as [string, string, string, string];
    await monthLater(deps, at, '2026-06-01T09:00:00Z');
    expect(await choose(deps, a, { kind: 'insurer', insurerId: 'reso-med' })).toMatchObject({ registerCode: 'П031', insurer: { id: 'reso-med' }, limits: { insurer: { used: 1, left: 0, nextChangeOn: '2027-01-01' } } });
    expect(await refusal(choose(deps, a, { kind: 'insurer', insurerId: 'kapital-ms' }))).toEqual({ status: 409, code: 'yearly-limit-reached', nextChangeOn: '2027-01-01' });
    const assigned = await choose(deps, b, { kind: 'insurer' });
    expect(assigned).toMatchObject({ registerCode: 'П034' });
    expect(assigned.insurer.id).not.toBe('sogaz-med');
    expect(await refusal(choose(deps, b, { kind: 'insurer', insurerId: 'no-such' }))).toMatchObject({ status: 409, code: 'yearly-limit-reached' });
    // 1 November in Moscow is the last day; 2 November is too late.
    at('2026-11-01T20:59:00Z');
    expect(await choose(deps, c, { kind: 'insurer', insurerId: 'kapital-ms' })).toMatchObject({ registerCode: 'П031' });
    at('2026-11-01T21:00:00Z');
    expect(await refusal(choose(deps, d, { kind: 'insurer', insurerId: 'kapital-ms' }))).toEqual({ status: 409, code: 'deadline-passed', nextChangeOn: '2027-01-01' });
    expect(await refusal(choose(deps, d, { kind: 'insurer', insurerId: 'sogaz-med' }))).toMatchObject({ code: 'deadline-passed' });
    // Ingosstrakh-M does not work in Kamchatka.
    const far = await file(deps, { ...adultApplication(15), region: '41' });
    at('2026-06-01T09:00:00Z');
    expect(await refusal(choose(deps, far, { kind: 'insurer', insurerId: 'ingosstrakh-m' }, mfcOperator('41')))).toMatchObject({ status: 422, pointer: '/insurerId', field: 'not-in-region' });
    const history = (await personHistory(deps, mfc, a, {})).items.map((e) => e.code ?? e.kind);
    expect(history[0]).toBe('П031');
  });

  it('lets one of twenty changes sent at once pass the yearly limit', async () => {
    const { deps } = await register('2026-06-01T09:00:00Z');
    const personId = await file(deps, { ...adultApplication(10), insurerId: 'sogaz-med' });
    await choose(deps, personId, { kind: 'clinic', clinicCode: '770104' });
    const clinics = ['770101', '770103'];
    const burst = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => choose(deps, personId, { kind: 'clinic', clinicCode: clinics[i % 2]! })));
    expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of burst.filter((s): s is PromiseRejectedResult => s.status === 'rejected')) expect((r.reason as Problem).code).toMatch(/^(yearly-limit-reached|already-chosen|concurrent-change)$/);
    const insurers = ['reso-med', 'kapital-ms', 'ingosstrakh-m', 'maks-m'];
    const changes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => choose(deps, personId, { kind: 'insurer', insurerId: insurers[i % 4]! })));
    expect(changes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const account = await personalAccount(deps, mfc, personId);
    expect(account.limits).toMatchObject({ clinic: { used: 1 }, insurer: { used: 1 } });
    expect((await personHistory(deps, mfc, personId, {})).items.filter((e) => e.kind === 'insurer_changed')).toHaveLength(1);
  });
});

describe("an insurer's contract that ends", () => {
  it('reassigns its insured in the region through the index (П036); each may then choose again, free of the limit and the deadline (П033)', async () => {
    const { deps, at } = await register('2026-05-01T09:00:00Z');
    const people = await Promise.all([11, 12, 13].map((s) => file(deps, { ...adultApplication(s), insurerId: 'reso-med' })));
    const elsewhere = await file(deps, { ...adultApplication(14), insurerId: 'reso-med', region: '50' });
    await monthLater(deps, at, '2026-06-01T09:00:00Z');
    await choose(deps, people[0]!, { kind: 'insurer', insurerId: 'kapital-ms' });
    await choose(deps, people[0]!, { kind: 'insurer', insurerId: 'reso-med' }).catch(() => undefined);
    // The fund ends reso-med's contract in Moscow on 30 September.
    const current = await deps.catalogues.store.latest('insurers', '77');
    const insurers: CatalogueData['insurers'] = { insurers: current!.data.insurers.map((i) => (i.id === 'reso-med' ? { ...i, contractEnd: '2026-09-30' } : i)) };
    await deps.catalogues.store.putVersion({ kind: 'insurers', scope: '77', version: current!.version + 1, data: insurers, changedAt: '2026-06-01T09:00:00Z', source: 'fund' });
    deps.catalogues.forget('insurers', '77');

    at('2026-09-30T20:00:00Z'); // still 30 September in Moscow
    expect(await reassignEndedContracts(deps)).toEqual({ reassigned: 0, skipped: 0, impossible: 0 });
    at('2026-11-10T09:00:00Z'); // past the deadline of changes at will
    const [first, second] = await Promise.all([reassignEndedContracts(deps), reassignEndedContracts(deps)]);
    expect(first.reassigned + second.reassigned).toBe(2);
    expect(await reassignEndedContracts(deps)).toEqual({ reassigned: 0, skipped: 0, impossible: 0 });
    const moved = people[1]!;
    const account = await personalAccount(deps, mfc, moved);
    expect(account.insurer.id).not.toBe('reso-med');
    expect(account.limits).toMatchObject({ insurerChangeFree: true });
    expect((await personHistory(deps, mfc, moved, {})).items[0]).toMatchObject({ kind: 'insurer_changed', code: 'П036', channel: 'system', reason: 'contract-ended' });
    const other = account.insurer.id === 'sogaz-med' ? 'kapital-ms' : 'sogaz-med';
    expect(await choose(deps, moved, { kind: 'insurer', insurerId: other })).toMatchObject({ registerCode: 'П033', limits: { insurer: { used: 0 } } });
    // The free change is used: the next waits for the deadline and the limit again.
    expect(await refusal(choose(deps, moved, { kind: 'insurer', insurerId: account.insurer.id }))).toMatchObject({ code: 'deadline-passed' });
    // Reso-med still works in the Moscow region.
    expect((await personalAccount(deps, mfcOperator('50'), elsewhere)).insurer.id).toBe('reso-med');
  });
});

describe('the yearly reset', () => {
  it("clears the counts when the new year reaches each person's region, Kamchatka nine hours before Kaliningrad, each once", async () => {
    const { deps, at } = await register('2026-05-01T09:00:00Z');
    const kamchatka = await file(deps, { ...adultApplication(20), region: '41' });
    const kaliningrad = await file(deps, { ...adultApplication(21), region: '39' });
    await monthLater(deps, at, '2026-06-01T09:00:00Z');
    await choose(deps, kamchatka, { kind: 'clinic', clinicCode: '410101' }, mfcOperator('41'));
    await choose(deps, kamchatka, { kind: 'clinic', clinicCode: '410103' }, mfcOperator('41'));
    await choose(deps, kaliningrad, { kind: 'insurer', insurerId: 'kapital-ms' }, mfcOperator('39')).catch(async () => choose(deps, kaliningrad, { kind: 'insurer', insurerId: 'sogaz-med' }, mfcOperator('39')));
    at('2026-12-31T11:59:00Z');
    expect(await resetYearlyCounts(deps)).toEqual({ cleared: 0, kept: 0 });
    at('2026-12-31T12:00:00Z'); // midnight in Kamchatka, 14:00 in Kaliningrad
    const [a, b] = await Promise.all([resetYearlyCounts(deps), resetYearlyCounts(deps)]);
    expect(a.cleared + b.cleared).toBe(1);
    expect((await personalAccount(deps, mfcOperator('39'), kaliningrad)).limits).toMatchObject({ year: 2026, insurer: { used: 1, left: 0 } });
    at('2026-12-31T22:00:00Z'); // midnight in Kaliningrad
    expect(await resetYearlyCounts(deps)).toEqual({ cleared: 1, kept: 0 });
    expect(await resetYearlyCounts(deps)).toEqual({ cleared: 0, kept: 0 });
    expect((await personalAccount(deps, mfcOperator('41'), kamchatka)).limits).toMatchObject({ year: 2027, clinic: { used: 0, left: 1 } });
  });

  it('reads only the people who used a limit, however large the register', async () => {
    const { deps } = await register('2027-01-01T06:00:00Z');
    const doc = DynamoDBDocumentClient.from(local.client);
    await fillRegister(doc, deps.tableName, { from: 1, count: 3_000, at: '2026-05-01T09:00:00.000Z', usedLimits: { count: 300, year: 2026, resetAt: '2026-12-31T21:00:00.000Z' } });
    expect(await resetYearlyCounts(deps)).toEqual({ cleared: 300, kept: 0 });
    expect(await resetYearlyCounts(deps)).toEqual({ cleared: 0, kept: 0 });
  });
});
