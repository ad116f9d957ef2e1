import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#shared/clock.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import { REGISTRY_EVENT_KINDS, registryEventSchema, type RegistryEvent } from '#shared/schemas/registry-events.ts';
import { personHistory } from '#shared/services/account/account.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { showPin } from '#shared/services/pin.ts';
import { currentPolicy } from '#shared/services/queries.ts';
import { applyRegistryEvent, MATCH_TRIES, NotMatchedYet } from '#shared/services/registry/registry-events.ts';
import { unmatchedEvents } from '#shared/services/registry/unmatched.ts';
import { resolveUnmatched } from '#shared/services/registry/resolution.ts';
import { statusAndCode } from '../support/problems.ts';
import { adultApplication, childApplication, citizenFor, fundAdmin, mfcOperator, snilsFor, viaMfc } from '../support/applications.ts';
import { RecordingQueue, startLocalRegister, type LocalRegister } from '../support/local-register.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

async function register() {
  let now = new Date('2026-11-23T09:00:00Z').getTime();
  const clock: Clock = { now: () => new Date((now += 1000)) };
  const queue = new RecordingQueue();
  const deps = await local.deps({ clock, queue, env: { PIN_HASH_COST: '10' } });
  return { deps, queue };
}

/** A mother filed by her own account (`seed`), numbered. */
async function mother(deps: Dependencies, seed: number, overrides: Partial<ApplicationRequest> = {}) {
  const request = { ...adultApplication(seed, overrides), person: { ...adultApplication(seed).person, lastName: 'Петрова', firstName: 'Мария', sex: 'female' as const }, channel: 'portal' as const };
  const { body } = await submitApplication(deps, citizenFor(seed), applicationRequestSchema.parse(request));
  await assignNumber(deps, body.application.id);
  const enp = (await deps.store.getPerson(body.application.personId))!.enp!;
  return { personId: body.application.personId, enp };
}

const birth = (eventId: string, mother: Record<string, unknown>, certificate = '654321'): RegistryEvent =>
  registryEventSchema.parse({
    eventId,
    kind: 'birth',
    registeredOn: '2026-11-23',
    child: { lastName: 'Петрова', firstName: 'Анна', birthDate: '2026-11-20', sex: 'female', birthCertificate: { type: 3, series: 'IV-МЮ', number: certificate } },
    mother,
  });

const event = (e: Record<string, unknown>) => registryEventSchema.parse({ registeredOn: '2026-11-23', ...e });
const once = { receiveCount: 1 };

async function childOf(deps: Dependencies, certificate: string) {
  const found = await deps.store.findByDocument((await deps.hasher()).document({ type: 3, series: 'IV-МЮ', number: certificate }));
  return found?.personId;
}

describe('a birth from the civil registry', () => {
  it('registers the child with no application: the mother\'s insurer, the e-policy from birth, a number, R010, and her account sees the child', async () => {
    const { deps, queue } = await register();
    const mum = await mother(deps, 1);
    expect(await applyRegistryEvent(deps, birth('ZAGS-1', { snils: snilsFor(1) }), once)).toBe('applied');

    const childId = (await childOf(deps, '654321'))!;
    const child = (await deps.store.getPerson(childId))!;
    const mumRecord = (await deps.store.getPerson(mum.personId))!;
    expect(child).toMatchObject({ motherId: mum.personId, insurerId: mumRecord.insurerId, region: mumRecord.region, category: 'citizen', coverageEnd: null });
    expect(child.representative).toMatchObject({ relation: 'mother', lastName: 'Петрова' });

    // Numbered by the same numbering: the request was queued, and the number completes the registration.
    expect(queue.sent).toHaveLength(2);
    const registration = queue.sent[1]!;
    expect(await assignNumber(deps, registration)).toBe('assigned');
    expect(await deps.store.getApplication(registration, true)).toMatchObject({ channel: 'registry', status: 'completed' });

    const asMother = citizenFor(1);
    const policy = await currentPolicy(deps, asMother, childId);
    expect(policy).toMatchObject({ form: 'Э', status: 'active', validFrom: '2026-11-20', validTo: null });
    expect((await deps.store.accountLinks(asMother.subject)).children).toEqual([childId]);
    // The right to a PIN comes with the e-policy: the mother reads it once.
    expect((await showPin(deps, asMother, childId)).pin).toMatch(/^\d+$/);

    const history = await personHistory(deps, asMother, childId, {});
    expect(history.items.map((e) => [e.kind, e.code, e.channel])).toEqual(
      expect.arrayContaining([
        ['registered_at_birth', 'R010', 'registry'],
        ['number_assigned', undefined, 'system'],
      ]),
    );
    expect(await deps.registry.getEvent('ZAGS-1')).toMatchObject({ outcome: 'applied', personId: childId, kind: 'birth' });
  });

  it('repeated deliveries, one after another or ten at once, register one child', async () => {
    const { deps } = await register();
    await mother(deps, 2);
    const e = birth('ZAGS-2', { snils: snilsFor(2) }, '111111');
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => applyRegistryEvent(deps, e, once)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'applied').every((o) => o === 'repeated')).toBe(true);
    expect(await applyRegistryEvent(deps, e, once)).toBe('repeated');
    expect((await deps.store.accountLinks(citizenFor(2).subject)).children).toHaveLength(1);
  });

  it('a child a parent already applied for changes nothing, and is recorded so', async () => {
    const { deps } = await register();
    const mum = await mother(deps, 3);
    const { body } = await submitApplication(deps, mfcOperator('78'), applicationRequestSchema.parse(viaMfc(childApplication(3, '2026-11-20'))));
    const certificate = childApplication(3, '2026-11-20').documents[0]!.number;
    expect(await applyRegistryEvent(deps, birth('ZAGS-3', { enp: mum.enp }, certificate), once)).toBe('no-change');
    expect(await deps.registry.getEvent('ZAGS-3')).toMatchObject({ outcome: 'no-change', code: 'already-registered', personId: body.application.personId });
  });

  it('a mother the register does not know: tried again, then kept for the fund whole, never dropped', async () => {
    const { deps } = await register();
    const e = birth('ZAGS-4', { snils: snilsFor(4) }, '444444');
    for (let delivery = 1; delivery < MATCH_TRIES; delivery++) await expect(applyRegistryEvent(deps, e, { receiveCount: delivery })).rejects.toBeInstanceOf(NotMatchedYet);
    expect(await deps.registry.getEvent('ZAGS-4')).toBeUndefined();
    expect(await applyRegistryEvent(deps, e, { receiveCount: MATCH_TRIES })).toBe('unmatched');
    expect(await applyRegistryEvent(deps, e, { receiveCount: MATCH_TRIES + 1 })).toBe('repeated');
    const page = await unmatchedEvents(deps, {});
    expect(page.items).toEqual([expect.objectContaining({ eventId: 'ZAGS-4', kind: 'birth', outcome: 'unmatched', candidates: [], event: e })]);
    expect(await childOf(deps, '444444')).toBeUndefined();
  });
});

describe('identifiers that name two people', () => {
  it('are kept for the fund at once, with both candidates', async () => {
    const { deps } = await register();
    const a = await mother(deps, 5);
    const b = await mother(deps, 6);
    const e = event({ eventId: 'ZAGS-5', kind: 'death', diedOn: '2026-11-22', person: { enp: a.enp, snils: snilsFor(6) } });
    expect(await applyRegistryEvent(deps, e, once)).toBe('ambiguous');
    const page = await unmatchedEvents(deps, {});
    expect(page.items[0]).toMatchObject({ eventId: 'ZAGS-5', outcome: 'ambiguous', candidates: [a.personId, b.personId].sort() });
    // Nobody was changed.
    for (const p of [a, b]) expect((await currentPolicy(deps, fundAdmin, p.personId)).status).toBe('active');
  });

  it('the fund pages through them oldest first with sealed cursors', async () => {
    const { deps } = await register();
    for (let n = 0; n < 3; n++) await applyRegistryEvent(deps, event({ eventId: `SFR-${n}`, kind: 'snils-assigned', person: { enp: '7851000840000199' }, snils: snilsFor(70 + n) }), { receiveCount: MATCH_TRIES });
    const first = await unmatchedEvents(deps, { limit: 2 });
    expect(first.items.map((i) => i.eventId)).toEqual(['SFR-0', 'SFR-1']);
    const second = await unmatchedEvents(deps, { limit: 2, cursor: first.next });
    expect(second.items.map((i) => i.eventId)).toEqual(['SFR-2']);
    await expect(unmatchedEvents(deps, { cursor: `${first.next}x` })).rejects.toMatchObject({ status: 400, code: 'invalid-cursor' });
  });
});

describe('a death', () => {
  it('terminates the policy from the day of death (П022); nothing changes it afterwards; the record stays', async () => {
    const { deps } = await register();
    const person = await mother(deps, 7);
    expect(await applyRegistryEvent(deps, event({ eventId: 'ZAGS-7', kind: 'death', diedOn: '2026-11-22', person: { snils: snilsFor(7) } }), once)).toBe('applied');
    const policy = await currentPolicy(deps, fundAdmin, person.personId);
    expect(policy).toMatchObject({ status: 'terminated' });
    const stored = (await deps.store.getPersonRecords(person.personId, 5, true)).policies[0]!;
    expect(stored.termination).toEqual({ reason: 'death', on: '2026-11-22' });
    const entry = (await personHistory(deps, fundAdmin, person.personId, {})).items[0]!;
    expect(entry).toMatchObject({ kind: 'terminated', code: 'П022', channel: 'registry' });

    // A second report of the death (another id) changes nothing, and is recorded so.
    expect(await applyRegistryEvent(deps, event({ eventId: 'ZAGS-8', kind: 'death', diedOn: '2026-11-22', person: { enp: person.enp } }), once)).toBe('no-change');
    expect(await deps.registry.getEvent('ZAGS-8')).toMatchObject({ outcome: 'no-change', code: 'policy-terminated' });
    const refused = await changePolicy(deps, mfcOperator('77'), person.personId, { kind: 'suspend', reason: 'other' }, 'suspendPolicy').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 409, code: 'policy-terminated' });
  });
});

describe('changes of name, birth data, documents and SNILS', () => {
  it('a new surname and birth date change the person, not the ЕНП (П061); the same again changes nothing', async () => {
    const { deps } = await register();
    const person = await mother(deps, 9);
    const renamed = event({ eventId: 'ZAGS-9', kind: 'personal-data-changed', person: { enp: person.enp }, lastName: 'Сидорова', birthDate: '1990-05-15' });
    expect(await applyRegistryEvent(deps, renamed, once)).toBe('applied');
    const changed = (await deps.store.getPerson(person.personId))!;
    expect(changed).toMatchObject({ lastName: 'Сидорова', birthDate: '1990-05-15', enp: person.enp });
    const entry = (await personHistory(deps, fundAdmin, person.personId, {})).items[0]!;
    expect(entry).toMatchObject({ kind: 'identity_changed', code: 'П061', channel: 'registry' });
    // History says which fields changed, never their values.
    expect(JSON.stringify(entry)).not.toContain('Сидорова');
    // The same facts again, under another id: nothing to change, recorded so.
    expect(await applyRegistryEvent(deps, { ...renamed, eventId: 'ZAGS-10' }, once)).toBe('no-change');
    expect(await deps.registry.getEvent('ZAGS-10')).toMatchObject({ outcome: 'no-change', personId: person.personId });
  });

  it('a redelivered change never undoes a later one, and ten deliveries at once apply it once', async () => {
    const { deps } = await register();
    const person = await mother(deps, 10);
    const first = event({ eventId: 'ZAGS-20', kind: 'personal-data-changed', person: { enp: person.enp }, lastName: 'Сидорова' });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => applyRegistryEvent(deps, first, once)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    // A function that dies after the change, before it could write anything else: the change's own
    // transaction recorded the event, so the late redelivery below is recognized.
    const { registry } = deps;
    const dying: Dependencies = {
      ...deps,
      registry: { getEvent: (id) => registry.getEvent(id), recordEvent: () => Promise.reject(new Error('the function died')), park: (r) => registry.park(r), listUnmatched: (l, c) => registry.listUnmatched(l, c), getUnmatched: (id) => registry.getUnmatched(id), claim: (k, a, b) => registry.claim(k, a, b), release: (k) => registry.release(k), resolve: (k, r) => registry.resolve(k, r) },
    };
    expect(await applyRegistryEvent(dying, event({ eventId: 'ZAGS-21', kind: 'personal-data-changed', person: { enp: person.enp }, lastName: 'Кузнецова' }), once)).toBe('applied');
    // The first again (a delivery SQS repeats late): it is recognized, and the later name stays.
    expect(await applyRegistryEvent(deps, first, once)).toBe('repeated');
    expect(await applyRegistryEvent(deps, event({ eventId: 'ZAGS-21', kind: 'personal-data-changed', person: { enp: person.enp }, lastName: 'Кузнецова' }), once)).toBe('repeated');
    expect((await deps.store.getPerson(person.personId))!.lastName).toBe('Кузнецова');
    const entries = (await personHistory(deps, fundAdmin, person.personId, {})).items.filter((e) => e.kind === 'identity_changed');
    expect(entries).toHaveLength(2);
  });

  it('a new passport moves the document lookup; a SNILS assigned to a newborn found by the birth certificate', async () => {
    const { deps } = await register();
    const mum = await mother(deps, 11);
    await applyRegistryEvent(deps, birth('ZAGS-11', { snils: snilsFor(11) }, '555555'), once);
    const childId = (await childOf(deps, '555555'))!;
    const hasher = await deps.hasher();
    const oldPassport = adultApplication(11).documents[0]!;
    const newPassport = { type: 14, series: '4522', number: '765432', issuedOn: '2026-11-23' };
    expect(await applyRegistryEvent(deps, event({ eventId: 'MVD-11', kind: 'document-issued', person: { snils: snilsFor(11) }, document: newPassport }), once)).toBe('applied');
    expect(await deps.store.findByDocument(hasher.document({ type: 14, series: oldPassport.series, number: oldPassport.number }))).toBeUndefined();
    expect((await deps.store.findByDocument(hasher.document({ type: 14, series: '4522', number: '765432' })))?.personId).toBe(mum.personId);

    const snils = snilsFor(111);
    expect(await applyRegistryEvent(deps, event({ eventId: 'SFR-11', kind: 'snils-assigned', person: { document: { type: 3, series: 'IV-МЮ', number: '555555' } }, snils }), once)).toBe('applied');
    expect((await deps.store.findBySnils(hasher.snils(snils.replace(/\D/g, ''))))?.personId).toBe(childId);
    const entry = (await personHistory(deps, fundAdmin, childId, {})).items[0]!;
    expect(entry).toMatchObject({ kind: 'details_changed', code: 'R061', channel: 'registry' });
  });

  it('refuses, and records, what the rules refuse: a change after death, a document another person holds, an act dated after today', async () => {
    const { deps } = await register();
    const a = await mother(deps, 12);
    await mother(deps, 13);
    await applyRegistryEvent(deps, event({ eventId: 'ZAGS-12', kind: 'death', diedOn: '2026-11-22', person: { enp: a.enp } }), once);
    expect(await applyRegistryEvent(deps, event({ eventId: 'ZAGS-13', kind: 'personal-data-changed', person: { enp: a.enp }, lastName: 'Сидорова' }), once)).toBe('refused');
    expect(await deps.registry.getEvent('ZAGS-13')).toMatchObject({ outcome: 'refused', code: 'policy-terminated' });
    expect((await deps.store.getPerson(a.personId))!.lastName).toBe('Петрова');

    const taken = adultApplication(12).documents[0]!;
    expect(await applyRegistryEvent(deps, event({ eventId: 'MVD-13', kind: 'document-issued', person: { snils: snilsFor(13) }, document: taken }), once)).toBe('refused');
    expect(await deps.registry.getEvent('MVD-13')).toMatchObject({ outcome: 'refused', code: 'document-registered' });

    expect(await applyRegistryEvent(deps, event({ eventId: 'ZAGS-14', kind: 'death', registeredOn: '2026-12-01', diedOn: '2026-11-30', person: { snils: snilsFor(13) } }), once)).toBe('refused');
    expect(await deps.registry.getEvent('ZAGS-14')).toMatchObject({ outcome: 'refused', code: 'registered-in-future' });
  });
});

describe('the fund\'s resolution of the events kept', () => {
  const park = async (deps: Dependencies, e: RegistryEvent) => expect(await applyRegistryEvent(deps, e, { receiveCount: MATCH_TRIES })).toMatch(/^(unmatched|ambiguous)$/);

  it('applies an event to the person the fund names, once, and takes it off the list; a birth to the mother filed since', async () => {
    const { deps, queue } = await register();
    const a = await mother(deps, 30);
    const b = await mother(deps, 31);
    const renamed = event({ eventId: 'ZAGS-30', kind: 'personal-data-changed', person: { enp: a.enp, snils: snilsFor(31) }, lastName: 'Сидорова' });
    await park(deps, renamed);
    // Five resolutions at once: one resolves it, the change is made once.
    const tries = await Promise.all(Array.from({ length: 5 }, () => resolveUnmatched(deps, fundAdmin, 'ZAGS-30', { action: 'apply', personId: b.personId }).catch((e: unknown) => e)));
    expect(tries.filter((t) => !(t instanceof Problem))).toEqual([expect.objectContaining({ eventId: 'ZAGS-30', outcome: 'applied', personId: b.personId })]);
    for (const t of tries.filter((t) => t instanceof Problem)) expect([404, 409]).toContain((t as Problem).status);
    expect((await deps.store.getPerson(b.personId))!.lastName).toBe('Сидорова');
    expect((await deps.store.getPerson(a.personId))!.lastName).toBe('Петрова');
    expect((await personHistory(deps, fundAdmin, b.personId, {})).items.filter((e) => e.kind === 'identity_changed')).toHaveLength(1);
    expect(await deps.registry.getEvent('ZAGS-30')).toMatchObject({ outcome: 'applied', personId: b.personId, resolvedBy: fundAdmin.subject });
    expect((await unmatchedEvents(deps, {})).items).toEqual([]);
    await expect(resolveUnmatched(deps, fundAdmin, 'ZAGS-30', { action: 'dismiss', reason: 'duplicate' })).rejects.toMatchObject({ status: 404 });

    // A birth whose mother was not in the register yet: she applies, the fund names her.
    const early = birth('ZAGS-31', { snils: snilsFor(32) }, '777777');
    await park(deps, early);
    const mum = await mother(deps, 32);
    expect(await resolveUnmatched(deps, fundAdmin, 'ZAGS-31', { action: 'apply', personId: mum.personId })).toMatchObject({ outcome: 'applied' });
    const childId = (await childOf(deps, '777777'))!;
    expect((await deps.store.getPerson(childId))!.motherId).toBe(mum.personId);
    expect(queue.sent).toContain((await deps.store.getPersonRecords(childId, 0)).policies[0]!.applicationId);
  });

  it('dismisses with a reason; refuses what the rules refuse and a person no one has, keeping the event on the list', async () => {
    const { deps } = await register();
    const dead = await mother(deps, 33);
    await applyRegistryEvent(deps, event({ eventId: 'ZAGS-33', kind: 'death', diedOn: '2026-11-22', person: { enp: dead.enp } }), once);
    const e = event({ eventId: 'ZAGS-34', kind: 'personal-data-changed', person: { snils: snilsFor(34) }, lastName: 'Сидорова' });
    await park(deps, e);
    expect(await statusAndCode(resolveUnmatched(deps, fundAdmin, 'ZAGS-34', { action: 'apply', personId: dead.personId }))).toEqual({ status: 409, code: 'policy-terminated' });
    expect(await statusAndCode(resolveUnmatched(deps, fundAdmin, 'ZAGS-34', { action: 'apply', personId: '01KAT8D4R0X1Z9E3JH2Q7M5V6B' }))).toEqual({ status: 422, code: 'validation-failed' });
    expect((await unmatchedEvents(deps, {})).items.map((i) => i.eventId)).toEqual(['ZAGS-34']);
    expect(await resolveUnmatched(deps, fundAdmin, 'ZAGS-34', { action: 'dismiss', reason: 'sender-error' })).toMatchObject({ outcome: 'dismissed', code: 'sender-error' });
    expect(await deps.registry.getEvent('ZAGS-34')).toMatchObject({ outcome: 'dismissed', code: 'sender-error', resolvedBy: fundAdmin.subject });
    expect((await unmatchedEvents(deps, {})).items).toEqual([]);
  });
});

describe('the registry events\' schema', () => {
  it('takes every example event of the README, one of each kind', () => {
    const examples = readdirSync('infra/local/registry-events').map((f) => registryEventSchema.parse(JSON.parse(readFileSync(`infra/local/registry-events/${f}`, 'utf8'))));
    expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(REGISTRY_EVENT_KINDS));
    expect(new Set(examples.map((e) => e.eventId)).size).toBe(examples.length);
  });

  it('refuses what no register could apply, saying where', () => {
    const issues = (e: unknown) => registryEventSchema.safeParse(e).error?.issues.map((i) => i.path.join('/'));
    expect(issues({ eventId: 'x', kind: 'death', registeredOn: '2026-11-23', diedOn: '2026-11-22', person: {} })).toEqual(['person']);
    expect(issues({ eventId: 'x', kind: 'snils-assigned', registeredOn: '2026-11-23', person: { enp: '7851000840000199' }, snils: '112-233-445 96' })).toEqual(['snils']);
    expect(issues({ eventId: 'x', kind: 'document-issued', registeredOn: '2026-11-23', person: { enp: '7851000840000199' }, document: { type: 14, series: '45', number: '1' } })).toEqual(['document/series', 'document/number']);
    expect(issues({ eventId: 'x y', kind: 'birth', registeredOn: '2026-11-23' })).toContain('eventId');
  });
});
