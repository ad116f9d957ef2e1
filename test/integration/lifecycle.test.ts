import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#shared/clock.ts';
import type { IdentityDocument } from '#shared/domain/documents.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import { personalAccount, personHistory } from '#shared/services/account/account.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';
import { applyPolicyDeadlines } from '#shared/services/lifecycle/deadlines.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { checkPin, issuePin, showPin } from '#shared/services/pin.ts';
import { currentPolicy } from '#shared/services/queries.ts';
import { verifyPolicy } from '#shared/services/verification.ts';
import { adultApplication, childApplication, citizenFor, clinic, insurer, mfcOperator, viaMfc } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { fillRegister } from '../support/register-fill.ts';
import { statusAndCode as problemOf } from '../support/problems.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const mfc = mfcOperator('77');

/** A register whose clock the test moves. */
async function register(start: string, env: Record<string, string> = {}) {
  let now = new Date(start).getTime();
  // `tick`: a second passes between steps, so history entries have an order.
  const clock: Clock & { tick: () => void } = { now: () => new Date(now), tick: () => void (now += 1000) };
  // A cheap PIN hash keeps the test fast; the cost itself is a setting (PIN_HASH_COST).
  const deps = await local.deps({ clock, env: { PIN_HASH_COST: '10', ...env } });
  return { deps, at: (instant: string) => void (now = new Date(instant).getTime()), advance: (ms: number) => void (now += ms) };
}

/** Filed by an MFC, or by the citizen themselves (`own`), then numbered a second later. */
async function file(deps: Dependencies, request: ApplicationRequest, options: { numbered?: boolean; own?: number } = {}) {
  const [as, filed] = options.own === undefined ? [mfc, viaMfc(request)] : [citizenFor(options.own), { ...request, channel: 'portal' as const }];
  const { body } = await submitApplication(deps, as, applicationRequestSchema.parse(filed));
  const clock = deps.clock as Clock & { tick?: () => void };
  clock.tick?.();
  if (options.numbered !== false) await assignNumber(deps, body.application.id);
  clock.tick?.();
  return { personId: body.application.personId, applicationId: body.application.id, temporary: body.temporaryPolicy };
}

describe('conversion to the permanent e-policy', () => {
  it('converts 1,000 temporary policies due across the shards exactly once, two runs overlapping, a bounded batch per run', async () => {
    const { deps } = await register('2026-12-24T09:00:00Z');
    const doc = DynamoDBDocumentClient.from(local.client);
    await fillRegister(doc, deps.tableName, { from: 1, count: 1_000, at: '2026-11-23T09:00:00.000Z', convertAt: '2026-12-22T21:00:00.000Z' });

    const [first, second] = await Promise.all([convertTemporaryPolicies(deps), convertTemporaryPolicies(deps)]);
    // A run takes at most 50 a shard: the rest waits for the next run.
    expect(first.converted + second.converted).toBeLessThanOrEqual(16 * 50);
    expect(first.converted + second.converted).toBeGreaterThan(0);
    const third = await convertTemporaryPolicies(deps);
    const fourth = await convertTemporaryPolicies(deps);
    expect(first.converted + second.converted + third.converted).toBe(1_000);
    expect(fourth).toEqual({ converted: 0, withoutNumber: 0, skipped: 0 });

    // The test looks at the whole table (a Scan, page by page); the register never does.
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: deps.tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const count = (test: (i: Record<string, unknown>) => boolean) => items.filter(test).length;
    expect(count((i) => i.type === 'policy' && i.form === 'Э' && i.status === 'active' && i.validTo === null)).toBe(1_000);
    expect(count((i) => i.type === 'policy' && i.form === 'В' && i.status === 'replaced')).toBe(1_000);
    expect(count((i) => i.type === 'event' && i.registerCode === 'П060')).toBe(1_000);
    expect(count((i) => i.type === 'application' && i.status === 'completed')).toBe(1_000);
    expect(count((i) => i.type === 'pin' && i.hash === undefined)).toBe(1_000);
    // Nothing converted is left in the work index.
    expect(count((i) => String(i.gsi1pk ?? '').startsWith('CONVERSION#'))).toBe(0);
  }, 120_000);

  it('converts on day 30 after issue in the region, not before, with an unlimited e-policy for a citizen', async () => {
    const { deps, at } = await register('2025-12-30T09:00:00Z');
    const p = await file(deps, adultApplication(1));
    expect(p.temporary.validTo).toBe('2026-02-12');
    at('2026-01-28T20:59:59Z'); // 23:59:59 on 28 January in Moscow: day 29
    expect((await convertTemporaryPolicies(deps)).converted).toBe(0);
    at('2026-01-28T21:00:00Z'); // 00:00 on 29 January: day 30 after 30 December
    expect((await convertTemporaryPolicies(deps)).converted).toBe(1);
    const policy = await currentPolicy(deps, mfc, p.personId);
    expect(policy).toMatchObject({ form: 'Э', status: 'active', validFrom: '2026-01-29', validTo: null });
    const history = await personHistory(deps, mfc, p.personId, {});
    expect(history.items.map((i) => i.code)).toEqual(['П060', undefined, 'П010']);
  });

  it('reports a person still without a number when conversion falls due, and converts them once numbered', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const p = await file(deps, adultApplication(2), { numbered: false });
    at('2026-12-23T09:00:00Z');
    expect(await convertTemporaryPolicies(deps)).toEqual({ converted: 0, withoutNumber: 1, skipped: 0 });
    // Looked at again the next day, not every run.
    expect(await convertTemporaryPolicies(deps)).toEqual({ converted: 0, withoutNumber: 0, skipped: 0 });
    await assignNumber(deps, p.applicationId);
    at('2026-12-23T21:00:00Z');
    expect(await convertTemporaryPolicies(deps)).toEqual({ converted: 1, withoutNumber: 0, skipped: 0 });
  });

  it('bounds the e-policy by the right to stay: a refugee whose stay ends inside the window, an EAEU worker\'s contract', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const refugee = await file(deps, {
      ...adultApplication(3),
      category: 'refugee',
      person: { ...adultApplication(3).person, snils: undefined },
      documents: [{ type: 12, series: 'AB', number: '1234567' }],
      stayUntil: '2026-12-28', // day 35 after issue
    });
    const worker = await file(deps, {
      ...adultApplication(4),
      category: 'eaeu_worker',
      person: { ...adultApplication(4).person, snils: undefined },
      documents: [{ type: 9, series: 'KZ', number: '7654321' }],
      stayUntil: '2027-08-31',
    });
    at('2026-12-22T21:00:00Z'); // day 30 in Moscow
    expect((await convertTemporaryPolicies(deps)).converted).toBe(2);
    expect(await currentPolicy(deps, mfc, refugee.personId)).toMatchObject({ form: 'Э', validTo: '2026-12-28', status: 'active' });
    expect(await currentPolicy(deps, mfc, worker.personId)).toMatchObject({ form: 'Э', validTo: '2027-08-31' });
    // The day after the stay ends it reads expired at once; the deadlines job then marks it, with its history line.
    at('2026-12-28T21:00:00Z');
    expect(await currentPolicy(deps, mfc, refugee.personId)).toMatchObject({ status: 'expired' });
    expect(await applyPolicyDeadlines(deps)).toEqual({ expired: 1, resumed: 0, moved: 0 });
    expect(await applyPolicyDeadlines(deps)).toEqual({ expired: 0, resumed: 0, moved: 0 });
    expect((await personHistory(deps, mfc, refugee.personId, {})).items[0]).toMatchObject({ kind: 'expired', changes: { status: { from: 'active', to: 'expired' } } });
  });

  it('never converts a temporary policy that ends before the window: it expires', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const refugee = await file(deps, {
      ...adultApplication(5),
      category: 'refugee',
      person: { ...adultApplication(5).person, snils: undefined },
      documents: [{ type: 12, series: 'AB', number: '2234567' }],
      stayUntil: '2026-12-13', // day 20
    });
    at('2026-12-13T21:00:00Z');
    expect(await applyPolicyDeadlines(deps)).toMatchObject({ expired: 1 });
    at('2026-12-23T09:00:00Z');
    expect((await convertTemporaryPolicies(deps)).converted).toBe(0);
    expect(await currentPolicy(deps, mfc, refugee.personId)).toMatchObject({ form: 'В', status: 'expired' });
  });
});

describe('status changes', () => {
  it('lets one of twenty suspensions sent at once apply, and one of twenty region changes', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const a = await file(deps, adultApplication(10));
    const suspensions = await Promise.allSettled(Array.from({ length: 20 }, () => changePolicy(deps, mfc, a.personId, { kind: 'suspend', reason: 'military_service' }, 'suspendPolicy')));
    expect(suspensions.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of suspensions.filter((s): s is PromiseRejectedResult => s.status === 'rejected')) expect((r.reason as Problem).code).toMatch(/^(policy-suspended|concurrent-change)$/);
    const b = await file(deps, { ...adultApplication(11), insurerId: 'sogaz-med' });
    const moves = await Promise.allSettled(Array.from({ length: 20 }, () => changePolicy(deps, mfc, b.personId, { kind: 'change-region', region: '78' }, 'changeRegion')));
    expect(moves.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = (h: { items: { code?: string; kind?: string }[] }) => h.items.map((i) => i.code ?? i.kind);
    expect(codes(await personHistory(deps, mfc, a.personId, {}))).toEqual(['П025', 'number_assigned', 'П010']);
    expect(codes(await personHistory(deps, mfcOperator('78'), b.personId, {}))).toEqual(['region_changed', 'number_assigned', 'П010']);
  });

  it('suspends until an end date and resumes by itself on that day (R025); a suspended policy verifies as suspended', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const p = await file(deps, adultApplication(12), { own: 12 });
    const suspended = await changePolicy(deps, citizenFor(12), p.personId, { kind: 'suspend', reason: 'military_service', endsOn: '2027-11-30' }, 'suspendPolicy');
    expect(suspended).toMatchObject({ status: 'suspended', suspension: { reason: 'military_service', from: '2026-11-23', endsOn: '2027-11-30' } });
    expect(await problemOf(changePolicy(deps, citizenFor(12), p.personId, { kind: 'change-region', region: '78' }, 'changeRegion'))).toEqual({ status: 409, code: 'policy-suspended' });
    // Conversion carries the suspension to the e-policy.
    at('2026-12-22T21:00:00Z');
    expect((await convertTemporaryPolicies(deps)).converted).toBe(1);
    expect(await currentPolicy(deps, mfc, p.personId)).toMatchObject({ form: 'Э', status: 'suspended' });
    const { enp } = (await currentPolicy(deps, mfc, p.personId)) as { enp: string };
    expect(await verifyPolicy(deps, clinic, { enp })).toMatchObject({ form: 'Э', status: 'suspended' });
    at('2027-11-29T20:59:00Z');
    expect(await applyPolicyDeadlines(deps)).toEqual({ expired: 0, resumed: 0, moved: 0 });
    at('2027-11-29T21:00:00Z'); // 30 November in Moscow
    expect(await applyPolicyDeadlines(deps)).toEqual({ expired: 0, resumed: 1, moved: 0 });
    expect(await currentPolicy(deps, mfc, p.personId)).toMatchObject({ status: 'active' });
    expect((await personHistory(deps, mfc, p.personId, {})).items[0]).toMatchObject({ kind: 'resumed', code: 'R025', channel: 'system' });
    expect(await verifyPolicy(deps, clinic, { enp })).toMatchObject({ status: 'active' });
  });

  it('a resumption by hand moves the deadline away; a terminated policy cannot be changed or resumed', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const p = await file(deps, adultApplication(13));
    await changePolicy(deps, mfc, p.personId, { kind: 'suspend', reason: 'stay_abroad', endsOn: '2027-01-10' }, 'suspendPolicy');
    await changePolicy(deps, mfc, p.personId, { kind: 'resume' }, 'resumePolicy');
    at('2027-01-10T12:00:00Z');
    expect(await applyPolicyDeadlines(deps)).toEqual({ expired: 0, resumed: 0, moved: 0 });
    const terminated = await changePolicy(deps, mfc, p.personId, { kind: 'terminate', reason: 'death' }, 'terminatePolicy');
    expect(terminated).toMatchObject({ status: 'terminated', termination: { reason: 'death', on: '2027-01-10' } });
    for (const change of [{ kind: 'resume' }, { kind: 'suspend', reason: 'other' }, { kind: 'change-region', region: '78' }, { kind: 'terminate', reason: 'death' }] as const) {
      expect(await problemOf(changePolicy(deps, mfc, p.personId, change, 'x'))).toEqual({ status: 409, code: 'policy-terminated' });
    }
    expect((await personHistory(deps, mfc, p.personId, {})).items[0]).toMatchObject({ kind: 'terminated', code: 'П022' });
  });

  it('moves a person to a region where the insurer does not work: the fund assigns one there (П035), or the person names one (П032)', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const p = await file(deps, { ...adultApplication(14), insurerId: 'reso-med' });
    // РЕСО-Мед does not work in Kamchatka (41).
    expect(await problemOf(changePolicy(deps, mfc, p.personId, { kind: 'change-region', region: '41', insurerId: 'reso-med' }, 'changeRegion'))).toEqual({ status: 422, code: 'validation-failed' });
    const moved = await changePolicy(deps, mfc, p.personId, { kind: 'change-region', region: '41' }, 'changeRegion');
    expect(moved.region.code).toBe('41');
    expect(moved.insurer.id).not.toBe('reso-med');
    expect((await personHistory(deps, mfcOperator('41'), p.personId, {})).items[0]).toMatchObject({ code: 'П035', changes: { region: { from: '77', to: '41' } } });
    const q = await file(deps, { ...adultApplication(15), insurerId: 'reso-med' });
    // The MFC of the region the person moves to may move them there.
    await changePolicy(deps, mfcOperator('41'), q.personId, { kind: 'change-region', region: '41', insurerId: 'kapital-ms' }, 'changeRegion');
    expect((await personHistory(deps, mfcOperator('41'), q.personId, {})).items[0]).toMatchObject({ code: 'П032', changes: { insurerId: { from: 'reso-med', to: 'kapital-ms' } } });
  });
});

describe('the PIN', () => {
  async function withEPolicy(seed: number) {
    const r = await register('2026-11-23T09:00:00Z', { PIN_MAX_WRONG: '5', PIN_LOCK_MINUTES: '30' });
    const p = await file(r.deps, adultApplication(seed), { own: seed });
    r.at('2026-12-23T09:00:00Z');
    await convertTemporaryPolicies(r.deps);
    return { ...r, personId: p.personId };
  }

  it('is shown once, to one of several asking at once; only its hash is kept', async () => {
    const { deps, personId } = await withEPolicy(20);
    const shows = await Promise.allSettled(Array.from({ length: 5 }, () => showPin(deps, citizenFor(20), personId)));
    const shown = shows.filter((s): s is PromiseFulfilledResult<{ pin: string; issuedAt: string }> => s.status === 'fulfilled');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.value.pin).toMatch(/^\d{6}$/);
    expect(await problemOf(showPin(deps, mfc, personId))).toEqual({ status: 410, code: 'pin-already-shown' });
    const { pin } = await deps.store.getPersonRecords(personId, 0, true);
    expect(JSON.stringify(pin)).not.toContain(shown[0]!.value.pin);
    expect(await checkPin(deps, citizenFor(20), personId, shown[0]!.value.pin)).toEqual({ valid: true });
    expect((await personalAccount(deps, citizenFor(20), personId)).pin).toMatchObject({ shown: true });
  });

  it('locks after five wrong PINs in a row, a right one too, until 30 minutes after the last; a burst learns no more than five answers', async () => {
    const { deps, personId, advance } = await withEPolicy(21);
    const { pin } = await showPin(deps, citizenFor(21), personId);
    const wrong = pin === '000000' ? '000001' : '000000';
    const burst = await Promise.allSettled(Array.from({ length: 20 }, () => checkPin(deps, citizenFor(21), personId, wrong)));
    const codes = burst.map((b) => (b.status === 'rejected' ? (b.reason as Problem).code : 'valid'));
    expect(codes.filter((c) => c === 'wrong-pin')).toHaveLength(5);
    expect(codes.filter((c) => c === 'pin-locked')).toHaveLength(15);
    const locked = await checkPin(deps, citizenFor(21), personId, pin).catch((e: Problem) => e);
    expect(locked).toMatchObject({ status: 423, code: 'pin-locked', headers: { 'retry-after': '1800' } });
    advance(30 * 60_000 + 1000);
    expect(await checkPin(deps, citizenFor(21), personId, pin)).toEqual({ valid: true });
  });

  it('a new PIN from an office, against a document the register holds for the person, replaces the old one, whose attempts go with it', async () => {
    const { deps, personId } = await withEPolicy(22);
    const { pin: old } = await showPin(deps, citizenFor(22), personId);
    // Another person's passport, or one with a malformed number, issues nothing: the old PIN still works.
    const refused = await issuePin(deps, mfc, personId, adultApplication(23).documents[0] as IdentityDocument).catch((e: Problem) => e);
    expect(refused).toMatchObject({ status: 422, code: 'document-not-matching', errors: [{ pointer: '/document', code: 'document-not-matching' }] });
    expect(await problemOf(issuePin(deps, mfc, personId, { type: 14, series: '4512', number: '12' }))).toEqual({ status: 422, code: 'validation-failed' });
    expect(await checkPin(deps, citizenFor(22), personId, old)).toEqual({ valid: true });
    expect((await personHistory(deps, mfc, personId, {})).items[0]).not.toMatchObject({ kind: 'pin_issued' });
    // The passport as the office types it: spaces in the series are not the register's concern.
    const passport = adultApplication(22).documents[0] as IdentityDocument;
    const { pin: fresh } = await issuePin(deps, mfc, personId, { ...passport, series: `${passport.series!.slice(0, 2)} ${passport.series!.slice(2)}` });
    if (fresh !== old) expect(await problemOf(checkPin(deps, citizenFor(22), personId, old))).toEqual({ status: 422, code: 'wrong-pin' });
    expect(await checkPin(deps, citizenFor(22), personId, fresh)).toEqual({ valid: true });
    expect((await personHistory(deps, mfc, personId, {})).items[0]).toMatchObject({ kind: 'pin_issued' });
  });
});

describe('a new PIN for a child', () => {
  it("is issued against the representative's document, or the child's own", async () => {
    const r = await register('2026-11-23T09:00:00Z');
    const child = { ...childApplication(24, '2019-03-02'), region: '77' };
    const p = await file(r.deps, child);
    r.at('2026-12-23T09:00:00Z');
    await convertTemporaryPolicies(r.deps);
    expect(await issuePin(r.deps, mfc, p.personId, child.representative!.document as IdentityDocument)).toMatchObject({ pin: expect.stringMatching(/^\d{6}$/) });
    expect(await issuePin(r.deps, mfc, p.personId, child.documents[0] as IdentityDocument)).toMatchObject({ pin: expect.stringMatching(/^\d{6}$/) });
    expect(await problemOf(issuePin(r.deps, mfc, p.personId, adultApplication(24).documents[0] as IdentityDocument))).toEqual({ status: 422, code: 'document-not-matching' });
  });
});

describe('the personal account and the history', () => {
  it('shows the account from one read, and each viewer only its fields of the history, newest first, page by page', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const p = await file(deps, { ...adultApplication(30), insurerId: 'sogaz-med' }, { own: 30 });
    await changePolicy(deps, citizenFor(30), p.personId, { kind: 'suspend', reason: 'military_service' }, 'suspendPolicy');
    const account = await personalAccount(deps, citizenFor(30), p.personId);
    expect(account).toMatchObject({
      enp: expect.stringMatching(/^\d{16}$/),
      policy: { form: 'В', status: 'suspended' },
      insurer: { id: 'sogaz-med', phone: '8-800-100-07-02' },
      region: { code: '77' },
      clinic: null,
      doctor: null,
      suspension: { reason: 'military_service' },
      pin: null,
      children: [],
    });
    expect(account.history.map((h) => h.kind)).toEqual(['suspended', 'number_assigned', 'application_submitted']);
    expect(account.history[0]).toMatchObject({ reason: 'military_service', actor: { subject: 'citizen-30' }, channel: 'portal' });
    const asInsurer = await personHistory(deps, insurer('sogaz-med'), p.personId, { limit: 2 });
    expect(asInsurer.items).toHaveLength(2);
    expect(asInsurer.items[0]).toEqual({ at: expect.any(String), kind: 'suspended', code: 'П025', channel: 'portal', changes: { status: { from: 'active', to: 'suspended' } } });
    const rest = await personHistory(deps, insurer('sogaz-med'), p.personId, { limit: 2, cursor: asInsurer.next });
    expect(rest.items.map((i) => i.kind)).toEqual(['application_submitted']);
    expect(rest.next).toBeUndefined();
    expect(await problemOf(personHistory(deps, insurer('reso-med'), p.personId, {}))).toEqual({ status: 404, code: 'not-found' });
  });
});
