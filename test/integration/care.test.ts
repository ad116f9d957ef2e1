import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { CARE_SETTINGS } from '#shared/config/settings.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import { recordCareBatch } from '#shared/services/care/care-batch.ts';
import { careHistory } from '#shared/services/care/care-history.ts';
import { recordCare, type CareReport } from '#shared/services/care/record-care.ts';
import { makeChoice } from '#shared/services/choices/make-choice.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { adultApplication, childApplication, citizenFor, fundAdmin, insurer, mfcOperator, viaMfc } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { statusAndCode as refusal } from '../support/problems.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const SETTINGS = CARE_SETTINGS.read({});
const sogaz = insurer('sogaz-med');
const reso = insurer('reso-med');
const kapital = insurer('kapital-ms');

async function register(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  const deps = await local.deps({ clock });
  return { deps, at: (instant: string) => void (now = new Date(instant).getTime()) };
}

/** Filed by an MFC of the request's region (or a parent on the portal) with sogaz-med, and numbered. */
async function file(deps: Dependencies, request: ApplicationRequest, parent?: Caller) {
  const [as, filed] = parent ? [parent, { ...request, channel: 'portal' as const }] : [mfcOperator(request.region), viaMfc(request)];
  const { body } = await submitApplication(deps, as, applicationRequestSchema.parse({ ...filed, insurerId: 'sogaz-med' }));
  await assignNumber(deps, body.application.id);
  return body.application.personId;
}

const facts = { date: '2026-03-01', clinicCode: '770101', kind: 'primary' as const, diagnosisGroup: 'J00-J06' };
const report = (personId: string, eventId: string, more: Partial<CareReport> = {}): CareReport => ({ personId, eventId, ...facts, ...more });

/** The outcome's status and, when refused, its HTTP status, code and the first field's pointer and code. */
async function outcome(deps: Dependencies, as: Caller, r: CareReport) {
  const o = await recordCare(deps, as, r);
  if (o.status !== 'refused') return { status: o.status };
  const { status, code, errors } = o.problem;
  return { status: 'refused', http: status, code, ...(errors[0] ? { pointer: errors[0].pointer, field: errors[0].code } : {}) };
}

/** Every page of the history as `as` sees it, `limit` at a time. */
async function allPages(deps: Dependencies, as: Caller, personId: string, limit = 50) {
  const pages: { date?: string; insurerId?: string; id?: string }[][] = [];
  let cursor: string | undefined;
  do {
    const page = await careHistory(deps, as, personId, { limit, cursor });
    pages.push(page.items);
    cursor = page.next;
  } while (cursor);
  return pages;
}

describe('reporting care', () => {
  it('records an event once: a repeat answers the same, the same id with other facts is refused', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(1));
    const first = await recordCare(deps, sogaz, report(personId, 'S-1'));
    expect(first).toMatchObject({ status: 'created', event: { personId, insurerId: 'sogaz-med', insurerEventId: 'S-1', date: '2026-03-01', clinicCatalogueVersion: 1 } });
    const again = await recordCare(deps, sogaz, report(personId, 'S-1'));
    expect(again).toEqual({ ...first, status: 'replayed' });
    expect(await outcome(deps, sogaz, report(personId, 'S-1', { date: '2026-03-02' }))).toEqual({ status: 'refused', http: 409, code: 'care-event-id-reused', pointer: '/eventId', field: 'care-event-id-reused' });
    // Another insurer's ids are its own: the same id is another event (but not for someone it does not insure).
    expect(await outcome(deps, reso, report(personId, 'S-1'))).toMatchObject({ status: 'refused', http: 404, code: 'not-found' });
    expect((await careHistory(deps, fundAdmin, personId, {})).items).toHaveLength(1);
  });

  it('makes one event of twenty identical reports at once', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(2));
    const burst = await Promise.all(Array.from({ length: 20 }, () => recordCare(deps, sogaz, report(personId, 'S-burst'))));
    expect(burst.filter((o) => o.status === 'created')).toHaveLength(1);
    expect(burst.filter((o) => o.status === 'replayed')).toHaveLength(19);
    const ids = new Set(burst.map((o) => (o.status === 'refused' ? undefined : o.event.id)));
    expect(ids.size).toBe(1);
    expect((await careHistory(deps, fundAdmin, personId, {})).items).toHaveLength(1);
  });

  it("refuses a date after today in the person's region or before the birth, an unknown clinic, and someone else's insured", async () => {
    // 22:30 UTC on 9 March is already 10 March in Moscow.
    const { deps } = await register('2026-03-09T22:30:00Z');
    const personId = await file(deps, adultApplication(3));
    expect(await outcome(deps, sogaz, report(personId, 'S-today', { date: '2026-03-10' }))).toEqual({ status: 'created' });
    expect(await outcome(deps, sogaz, report(personId, 'S-future', { date: '2026-03-11' }))).toMatchObject({ http: 422, code: 'validation-failed', pointer: '/date', field: 'in-the-future' });
    expect(await outcome(deps, sogaz, report(personId, 'S-unborn', { date: '1990-05-13' }))).toMatchObject({ http: 422, pointer: '/date', field: 'before-birth' });
    expect(await outcome(deps, sogaz, report(personId, 'S-clinic', { clinicCode: '779999' }))).toMatchObject({ http: 422, pointer: '/clinicCode', field: 'unknown-clinic' });
    expect(await outcome(deps, sogaz, report(personId, 'S-region', { clinicCode: '009999' }))).toMatchObject({ http: 422, pointer: '/clinicCode', field: 'unknown-clinic' });
    // Care anywhere in the country: a clinic of Saint Petersburg for a Muscovite.
    expect(await outcome(deps, sogaz, report(personId, 'S-travel', { clinicCode: '780101' }))).toEqual({ status: 'created' });
    expect(await outcome(deps, reso, report(personId, 'R-1'))).toMatchObject({ http: 404, code: 'not-found' });
    expect(await outcome(deps, sogaz, report('01KAT8D4R0X1Z9E3JH2Q7M5V6B', 'S-nobody'))).toMatchObject({ http: 404, code: 'not-found' });
  });
});

describe('who sees the care history', () => {
  it('the person, a parent and the fund see all; an insurer its own events, before and after the person moved to another', async () => {
    const { deps, at } = await register('2026-03-10T09:00:00Z');
    const parent = citizenFor(40);
    const child = await file(deps, { ...childApplication(41, '2019-04-01'), region: '77' }, parent);
    await recordCare(deps, sogaz, report(child, 'S-a', { date: '2026-02-01' }));
    await recordCare(deps, sogaz, report(child, 'S-b', { date: '2026-03-10' }));
    at('2026-04-10T09:00:00Z');
    expect((await convertTemporaryPolicies(deps)).converted).toBe(1);

    // A month on the e-policy replaces the temporary one; on 1 June the parent changes the child's insurer at will (П031).
    at('2026-06-01T09:00:00Z');
    expect(await makeChoice(deps, mfcOperator('77'), child, { kind: 'insurer', insurerId: 'reso-med' }, 'test')).toMatchObject({ insurer: { id: 'reso-med' } });
    // The new insurer reports from the day of the change on; before it, the events are the previous insurer's.
    expect(await outcome(deps, reso, report(child, 'R-a', { date: '2026-05-31' }))).toMatchObject({ http: 409, code: 'care-before-insurer', pointer: '/date' });
    expect(await outcome(deps, reso, report(child, 'R-b', { date: '2026-06-01' }))).toEqual({ status: 'created' });
    // The former insurer reports no more, but its repeat of what it reported answers the same.
    expect(await outcome(deps, sogaz, report(child, 'S-c', { date: '2026-05-30' }))).toMatchObject({ http: 404 });
    expect(await outcome(deps, sogaz, report(child, 'S-a', { date: '2026-02-01' }))).toEqual({ status: 'replayed' });

    const dates = async (as: Caller) => (await allPages(deps, as, child)).flat().map((e) => `${e.date} ${e.insurerId}`);
    expect(await dates(fundAdmin)).toEqual(['2026-06-01 reso-med', '2026-03-10 sogaz-med', '2026-02-01 sogaz-med']);
    expect(await dates(parent)).toEqual(await dates(fundAdmin));
    expect(await dates(sogaz)).toEqual(['2026-03-10 sogaz-med', '2026-02-01 sogaz-med']);
    expect(await dates(reso)).toEqual(['2026-06-01 reso-med']);
    // An insurer that never insured the child, a citizen who is not its parent: not theirs to see.
    expect(await refusal(careHistory(deps, kapital, child, {}))).toEqual({ status: 404, code: 'not-found' });
    expect(await refusal(careHistory(deps, citizenFor(42), child, {}))).toEqual({ status: 404, code: 'not-found' });
    // The insurer's own event ids: insurers and the fund, not the person.
    expect((await careHistory(deps, parent, child, {})).items[0]).not.toHaveProperty('insurerEventId');
    expect((await careHistory(deps, reso, child, {})).items[0]).toHaveProperty('insurerEventId', 'R-b');

    // Each report and each read by someone else left an audit entry the parent can list; no diagnosis in any.
    const audit = await deps.store.listAudit(child, 100);
    const entries = audit.items.map((a) => `${a.operation} ${a.action} ${a.actor.subject}`);
    expect(entries).toEqual(expect.arrayContaining(['recordCareEvent create insurer-sogaz-med', 'recordCareEvent create insurer-reso-med', 'getPersonCareHistory read insurer-sogaz-med', 'getPersonCareHistory read fund-admin', 'getPersonCareHistory read citizen-40']));
    expect(entries.filter((e) => e.startsWith('recordCareEvent'))).toHaveLength(3);
    expect(JSON.stringify(audit.items)).not.toContain('J00');
  });

  it('follows the insurer through a move to another region (П032)', async () => {
    const { deps, at } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(50));
    await recordCare(deps, sogaz, report(personId, 'S-move'));
    at('2026-04-15T09:00:00Z');
    await changePolicy(deps, mfcOperator('77'), personId, { kind: 'change-region', region: '78', insurerId: 'kapital-ms' }, 'test');
    expect(await outcome(deps, kapital, report(personId, 'K-move-early', { date: '2026-04-14' }))).toMatchObject({ code: 'care-before-insurer' });
    expect(await outcome(deps, kapital, report(personId, 'K-move', { date: '2026-04-15', clinicCode: '780101' }))).toEqual({ status: 'created' });
    expect((await careHistory(deps, sogaz, personId, {})).items.map((e) => e.insurerEventId)).toEqual(['S-move']);
    expect((await careHistory(deps, kapital, personId, {})).items.map((e) => e.insurerEventId)).toEqual(['K-move']);
  });

  it('pages newest first with sealed cursors, each event once, for the fund and for an insurer filtering its own', async () => {
    const { deps, at } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(60));
    for (let day = 1; day <= 5; day++) await recordCare(deps, sogaz, report(personId, `S-p${day}`, { date: `2026-03-0${day}` }));
    at('2026-04-10T09:00:00Z');
    await convertTemporaryPolicies(deps);
    at('2026-06-01T09:00:00Z');
    await makeChoice(deps, mfcOperator('77'), personId, { kind: 'insurer', insurerId: 'reso-med' }, 'test');
    at('2026-06-05T09:00:00Z');
    for (let day = 2; day <= 4; day++) expect((await recordCare(deps, reso, report(personId, `R-p${day}`, { date: `2026-06-0${day}` }))).status).toBe('created');

    const fund = await allPages(deps, fundAdmin, personId, 3);
    expect(fund.map((p) => p.length)).toEqual([3, 3, 2]);
    const all = fund.flat().map((e) => e.date!);
    expect(all).toEqual([...all].sort().reverse());
    expect(new Set(fund.flat().map((e) => e.id)).size).toBe(8);

    // The former insurer's pages hold only its own, full pages though others' events lie between.
    const mine = await allPages(deps, sogaz, personId, 2);
    expect(mine.flat().map((e) => e.date)).toEqual(['2026-03-05', '2026-03-04', '2026-03-03', '2026-03-02', '2026-03-01']);
    expect(mine.slice(0, 2).map((p) => p.length)).toEqual([2, 2]);

    // A cursor is sealed to its list: the fund's does not page an insurer's view, nor a changed one anything.
    const { next } = await careHistory(deps, fundAdmin, personId, { limit: 1 });
    expect(await refusal(careHistory(deps, reso, personId, { limit: 1, cursor: next }))).toEqual({ status: 400, code: 'invalid-cursor' });
    expect(await refusal(careHistory(deps, fundAdmin, personId, { limit: 1, cursor: `${next}x` }))).toEqual({ status: 400, code: 'invalid-cursor' });
  });
});

describe("a day's file", () => {
  it('makes, replays or refuses each event on its own, with pointers into the batch; a retry makes only what is missing', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const [a, b] = [await file(deps, adultApplication(70)), await file(deps, adultApplication(71))];
    const others = await file(deps, { ...adultApplication(72), region: '78' });
    await makeChoice(deps, mfcOperator('78'), others, { kind: 'insurer', insurerId: 'kapital-ms' }, 'test');
    await recordCare(deps, sogaz, report(a, 'B-0'));
    const events = [
      { personId: a, eventId: 'B-0', ...facts }, // reported before
      { personId: a, eventId: 'B-1', ...facts, kind: 'dentistry' },
      { personId: b, eventId: 'B-2', ...facts, diagnosisGroup: 'K02' },
      { personId: b, eventId: 'B-3', ...facts, diagnosisGroup: 'кариес' }, // free text
      { personId: others, eventId: 'B-4', ...facts }, // not sogaz's insured
      { personId: a, eventId: 'B-0', ...facts, date: '2026-03-02' }, // the id of another event
      { personId: b, eventId: 'B-5', ...facts, date: '2027-01-01' },
      'not an object',
    ];
    const first = await recordCareBatch(deps, sogaz, events, SETTINGS);
    expect(first.results.map((r) => [r.index, r.status, r.problem?.code, r.problem?.errors?.[0]?.pointer])).toEqual([
      [0, 'replayed', undefined, undefined],
      [1, 'created', undefined, undefined],
      [2, 'created', undefined, undefined],
      [3, 'refused', 'validation-failed', '/events/3/diagnosisGroup'],
      [4, 'refused', 'not-found', undefined],
      [5, 'refused', 'care-event-id-reused', '/events/5/eventId'],
      [6, 'refused', 'validation-failed', '/events/6/date'],
      [7, 'refused', 'validation-failed', '/events/7'],
    ]);
    expect(first).toMatchObject({ created: 2, replayed: 1, refused: 5 });
    const retry = await recordCareBatch(deps, sogaz, events, SETTINGS);
    expect(retry).toMatchObject({ created: 0, replayed: 3, refused: 5 });
    expect(retry.results[1]!.event).toEqual(first.results[1]!.event);
    expect((await careHistory(deps, fundAdmin, a, {})).items).toHaveLength(2);
    expect((await careHistory(deps, fundAdmin, b, {})).items).toHaveLength(1);
  });

  it('refuses more events than a batch may carry, as a whole', async () => {
    const { deps } = await register('2026-03-10T09:00:00Z');
    const personId = await file(deps, adultApplication(80));
    const events = Array.from({ length: SETTINGS.batchMaxEvents + 1 }, (_, i) => ({ personId, eventId: `T-${i}`, ...facts }));
    expect(await refusal(recordCareBatch(deps, sogaz, events, SETTINGS))).toEqual({ status: 422, code: 'validation-failed' });
    expect((await careHistory(deps, fundAdmin, personId, {})).items).toHaveLength(0);
  });
});
