import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#shared/clock.ts';
import type { IdentityDocument } from '#shared/domain/documents.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { changePersonDetails } from '#shared/services/person-changes/change-person.ts';
import { showPin } from '#shared/services/pin.ts';
import { personRecord } from '#shared/services/queries.ts';
import { keys } from '#shared/store/keys.ts';
import { adultApplication, childApplication, citizenFor, fundAdmin, insurerOffice, mfcOperator, snilsFor } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { problemFrom } from '../support/problems.ts';

const problemOf = async (p: Promise<unknown>) => {
  const e = await problemFrom(p);
  return { status: e.status, code: e.code, pointers: e.errors.map((x) => x.pointer), headers: e.headers };
};

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const mfc = mfcOperator('77');
const marriage = { kind: 'marriage' as const, series: 'II-МЮ', number: '654321', issuedOn: '2026-12-01' };

/** A register at a time the test moves; a cheap PIN hash keeps it fast (the cost is a setting). */
async function register(env: Record<string, string> = {}) {
  let now = new Date('2026-11-23T09:00:00Z').getTime();
  const clock: Clock & { tick: () => void } = { now: () => new Date(now), tick: () => void (now += 1000) };
  const deps = await local.deps({ clock, env: { PIN_HASH_COST: '10', PIN_MAX_WRONG: '5', PIN_LOCK_MINUTES: '30', ...env } });
  return { deps, at: (instant: string) => void (now = new Date(instant).getTime()), advance: (ms: number) => void (now += ms) };
}

/** Filed by the citizen's own account (for themself or a child), numbered and converted to the e-policy, PIN shown. */
async function withEPolicy(r: Awaited<ReturnType<typeof register>>, request: ApplicationRequest, own: number) {
  const { body } = await submitApplication(r.deps, citizenFor(own), applicationRequestSchema.parse({ ...request, channel: 'portal' }));
  await assignNumber(r.deps, body.application.id);
  return body.application.personId;
}
async function converted(r: Awaited<ReturnType<typeof register>>, ...people: { request: ApplicationRequest; own: number }[]) {
  const ids = [];
  for (const p of people) ids.push(await withEPolicy(r, p.request, p.own));
  r.at('2026-12-23T09:00:00Z');
  await convertTemporaryPolicies(r.deps);
  return ids;
}

async function documentHolder(deps: Dependencies, doc: IdentityDocument) {
  return (await deps.store.findByDocument((await deps.hasher()).document(doc)))?.personId;
}
async function snilsHolder(deps: Dependencies & { tableName: string }, snils: string) {
  const doc = DynamoDBDocumentClient.from(local.client);
  const out = await doc.send(new GetCommand({ TableName: deps.tableName, Key: keys.snilsLookup((await deps.hasher()).snils(snils)) }));
  return out.Item?.personId as string | undefined;
}
/** Everything written about a person: the record, its history and audit trail. */
async function written(deps: Dependencies, personId: string) {
  const { person } = await deps.store.getPersonRecords(personId, 0, true);
  return { person, history: (await deps.store.listHistory(personId, 100)).items, audit: (await deps.store.listAudit(personId, 100)).items };
}

describe('a person\'s own changes, with the PIN', () => {
  it('a new passport: the old one no longer finds the person, the new one does; history and audit name no personal data', async () => {
    const r = await register();
    const [personId] = await converted(r, { request: adultApplication(1), own: 1 });
    const { pin } = await showPin(r.deps, citizenFor(1), personId!);
    const old = { type: 14, series: '4512', number: '100001' } as const;
    expect(await documentHolder(r.deps, old)).toBe(personId);

    const result = await changePersonDetails(r.deps, personId!, { document: { type: 14, series: '4520', number: '777001', issuedOn: '2026-12-20' }, contact: { email: 'me@example.ru' } }, { caller: citizenFor(1), pin });
    expect(result).toMatchObject({ outcome: 'applied', changed: ['documents', 'contact'] });
    expect(await documentHolder(r.deps, old)).toBeUndefined();
    expect(await documentHolder(r.deps, { type: 14, series: '4520', number: '777001' })).toBe(personId);

    const view = await personRecord(r.deps, citizenFor(1), personId!);
    expect(view.documents).toEqual([{ type: 14, series: '4520', number: '777001', issuedOn: '2026-12-20' }]);
    expect(view.contact).toEqual({ email: 'me@example.ru' });
    const after = await written(r.deps, personId!);
    expect(after.history[0]).toMatchObject({ kind: 'details_changed', registerCode: 'R061', channel: 'portal', changes: { documents: { to: '14' }, contact: {} }, actor: { subject: 'citizen-1' } });
    expect(after.audit[0]).toMatchObject({ action: 'update', operation: 'changePerson', actor: { subject: 'citizen-1' } });
    const entries = JSON.stringify([after.history[0], after.audit[0]]);
    for (const personal of ['777001', '4520', 'me@example.ru', 'Иванов']) expect(entries).not.toContain(personal);

    // The same change again writes nothing.
    expect(await changePersonDetails(r.deps, personId!, { document: { type: 14, series: '4520', number: '777001', issuedOn: '2026-12-20' } }, { caller: citizenFor(1), pin })).toMatchObject({ outcome: 'no-change' });
    expect((await written(r.deps, personId!)).person!.version).toBe(after.person!.version);
  });

  it('another person\'s document: 409 document-registered and nothing written, the lookups as they were', async () => {
    const r = await register();
    const [first, second] = await converted(r, { request: adultApplication(2), own: 2 }, { request: adultApplication(3), own: 3 });
    const before = await written(r.deps, first!);
    const theirs = { type: 14, series: '4512', number: '100003' } as const;
    expect(await problemOf(changePersonDetails(r.deps, first!, { document: theirs, address: { region: '77', locality: 'Москва' } }, { caller: mfc }))).toMatchObject({
      status: 409,
      code: 'document-registered',
      pointers: ['/document'],
    });
    expect(await written(r.deps, first!)).toEqual(before);
    expect(await documentHolder(r.deps, theirs)).toBe(second);
    expect(await documentHolder(r.deps, { type: 14, series: '4512', number: '100002' })).toBe(first);
  });

  it('20 racing changes: each applied on the version it read, none lost; identical ones apply once', async () => {
    const r = await register();
    const [personId] = await converted(r, { request: adultApplication(4), own: 4 });
    const start = (await written(r.deps, personId!)).person!.version;
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => changePersonDetails(r.deps, personId!, { contact: { email: `racer${i}@example.ru` } }, { caller: mfc })));
    const applied = settled.filter((s) => s.status === 'fulfilled' && s.value.outcome === 'applied');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(applied.length + refused.length).toBe(20);
    expect(applied.length).toBeGreaterThan(0);
    for (const s of refused) expect(s.reason).toMatchObject({ status: 409, code: 'concurrent-change' });
    const after = await written(r.deps, personId!);
    // Every applied change moved the version by one and left one history entry: no two applied on the same version.
    expect(after.person!.version).toBe(start + applied.length);
    expect(after.history.filter((h) => h.kind === 'details_changed')).toHaveLength(applied.length);
    const versions = applied.map((s) => (s as PromiseFulfilledResult<{ person: { version: number } }>).value.person.version);
    expect(new Set(versions).size).toBe(applied.length);

    const same = await Promise.allSettled(Array.from({ length: 20 }, () => changePersonDetails(r.deps, personId!, { address: { region: '77', locality: 'Москва', house: '7' } }, { caller: mfc })));
    const outcomes = same.map((s) => (s.status === 'fulfilled' ? s.value.outcome : (s.reason as Problem).code));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'applied').every((o) => o === 'no-change' || o === 'concurrent-change')).toBe(true);
    expect((await written(r.deps, personId!)).person!.version).toBe(start + applied.length + 1);
  });

  it('50 wrong PINs at once: at most five answered "wrong", the rest locked, nothing changed; the right PIN during the lock is refused too', async () => {
    const r = await register();
    const [personId] = await converted(r, { request: adultApplication(5), own: 5 });
    const { pin } = await showPin(r.deps, citizenFor(5), personId!);
    const wrong = pin === '000000' ? '000001' : '000000';
    const change = { address: { region: '77', locality: 'Москва' } };
    const before = await written(r.deps, personId!);
    const burst = await Promise.allSettled(Array.from({ length: 50 }, () => changePersonDetails(r.deps, personId!, change, { caller: citizenFor(5), pin: wrong })));
    const codes = burst.map((b) => (b.status === 'rejected' ? (b.reason as Problem).code : 'applied'));
    expect(codes.filter((c) => c === 'wrong-pin').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'wrong-pin').every((c) => c === 'pin-locked')).toBe(true);
    const locked = await problemOf(changePersonDetails(r.deps, personId!, change, { caller: citizenFor(5), pin }));
    expect(locked).toMatchObject({ status: 423, code: 'pin-locked', headers: { 'retry-after': '1800' } });
    const after = await written(r.deps, personId!);
    expect({ person: after.person, history: after.history }).toEqual({ person: before.person, history: before.history });

    r.advance(30 * 60_000 + 1000);
    expect(await changePersonDetails(r.deps, personId!, change, { caller: citizenFor(5), pin })).toMatchObject({ outcome: 'applied' });
    expect(await problemOf(changePersonDetails(r.deps, personId!, change, { caller: citizenFor(5) }))).toMatchObject({ status: 422, pointers: ['/pin'] });
  });

  it('a child\'s record changes with the child\'s PIN, not the parent\'s', async () => {
    const r = await register();
    const [parent, child] = await converted(r, { request: adultApplication(6), own: 6 }, { request: childApplication(6, '2020-03-01'), own: 6 });
    const parentPin = (await showPin(r.deps, citizenFor(6), parent!)).pin;
    const childPin = (await showPin(r.deps, citizenFor(6), child!)).pin;
    const change = { address: { region: '78', locality: 'Санкт-Петербург', street: 'Невский проспект', house: '1' } };
    if (parentPin !== childPin) {
      expect(await problemOf(changePersonDetails(r.deps, child!, change, { caller: citizenFor(6), pin: parentPin }))).toMatchObject({ status: 422, code: 'wrong-pin' });
    }
    expect(await changePersonDetails(r.deps, child!, change, { caller: citizenFor(6), pin: childPin })).toMatchObject({ outcome: 'applied', changed: ['address'] });
    expect((await personRecord(r.deps, citizenFor(6), child!)).documents).toBeDefined();
    // Someone else's account does not find the child at all.
    expect(await problemOf(changePersonDetails(r.deps, child!, change, { caller: citizenFor(7), pin: childPin }))).toMatchObject({ status: 404 });
  });

  it('an office makes the changes without a PIN, in its scope: a new surname with its certificate is П061', async () => {
    const r = await register();
    const [personId] = await converted(r, { request: adultApplication(8), own: 8 });
    expect(await problemOf(changePersonDetails(r.deps, personId!, { lastName: 'Смирнов', nameBasis: marriage }, { caller: mfcOperator('78') }))).toMatchObject({ status: 404 });
    expect(await problemOf(changePersonDetails(r.deps, personId!, { lastName: 'Смирнов', nameBasis: marriage }, { caller: mfc, pin: '123456' }))).toMatchObject({ status: 422, pointers: ['/pin'] });
    const { insurerId } = (await written(r.deps, personId!)).person!;
    const byOffice = await changePersonDetails(r.deps, personId!, { lastName: 'Смирнов', nameBasis: marriage, birthDate: '1990-05-15' }, { caller: insurerOffice(insurerId) });
    expect(byOffice).toMatchObject({ outcome: 'applied', changed: ['lastName', 'birthDate'] });
    const after = await written(r.deps, personId!);
    expect(after.person).toMatchObject({ lastName: 'Смирнов', birthDate: '1990-05-15', nameBasis: marriage });
    expect(after.history[0]).toMatchObject({ kind: 'identity_changed', registerCode: 'П061', channel: 'insurer', changes: { lastName: {}, birthDate: {} } });
    expect(JSON.stringify(after.history[0])).not.toMatch(/Смирнов|1990|654321/);
    expect(after.audit[0]).toMatchObject({ operation: 'changePerson', actor: { insurerId } });
    // The fund administers insurance, not people: it changes none of a person's details.
    expect(await problemOf(changePersonDetails(r.deps, personId!, { contact: null }, { caller: fundAdmin }))).toMatchObject({ status: 404 });
  });

  it('the civil registry\'s change, without a caller: a new SNILS moves its lookup, the entry names the event; a terminated policy changes no more', async () => {
    const r = await register();
    const [personId] = await converted(r, { request: adultApplication(9), own: 9 });
    const fresh = snilsFor(900_009).replace(/\D/g, '');
    const oldSnils = snilsFor(9).replace(/\D/g, '');
    const result = await changePersonDetails(r.deps, personId!, { snils: fresh, sex: 'female', firstName: 'Мария' }, { system: 'registry', eventId: 'zags-1' });
    expect(result).toMatchObject({ outcome: 'applied' });
    expect(await snilsHolder(r.deps, fresh)).toBe(personId);
    expect(await snilsHolder(r.deps, oldSnils)).toBeUndefined();
    const after = await written(r.deps, personId!);
    expect(after.history.slice(0, 2).map((h) => h.kind).sort()).toEqual(['details_changed', 'identity_changed']);
    for (const h of after.history.slice(0, 2)) {
      expect(h).toMatchObject({ channel: 'registry', reason: 'civil-registry', registryEventId: 'zags-1' });
      expect(h.actor).toBeUndefined();
    }
    expect(after.audit.filter((a) => a.operation === 'changePerson')).toHaveLength(0);
    expect(await changePersonDetails(r.deps, personId!, { snils: fresh }, { system: 'registry', eventId: 'zags-1' })).toMatchObject({ outcome: 'no-change' });

    await changePolicy(r.deps, mfc, personId!, { kind: 'terminate', reason: 'death' }, 'terminatePolicy');
    expect(await problemOf(changePersonDetails(r.deps, personId!, { lastName: 'Петрова' }, { system: 'registry', eventId: 'zags-2' }))).toMatchObject({ status: 409, code: 'policy-terminated' });
    expect(await problemOf(changePersonDetails(r.deps, personId!, { contact: null }, { caller: mfc }))).toMatchObject({ status: 409, code: 'policy-terminated' });
  });
});
