import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import itemSize from 'dyno-item-size';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import type { InsurerEntry } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments, type SeedDocument } from '#shared/catalogues/seed/seed-documents.ts';
import { fixedClock } from '#shared/clock.ts';
import type { OperationId } from '#shared/config/routes.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { loadSeed } from '#shared/services/catalogues/seed-loader.ts';
import { useDependencies, type Dependencies } from '#shared/services/dependencies.ts';
import { keys } from '#shared/store/keys.ts';
import { adultApplication, citizenFor, clinic, fundAdmin, insurer, mfcOperator } from '../support/applications.ts';
import { context, httpEvent } from '../support/events.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { ROUTE_HANDLERS } from '../support/route-handlers.ts';

/**
 * The catalogue routes against DynamoDB Local, through their handlers: versions written next to
 * each other and never rewritten, conditional reads and writes, races, validation with pointers,
 * roles; and the production calendar in the table deciding a filing's due day.
 */
let local: LocalRegister;
let deps: Dependencies & { tableName: string };
beforeAll(async () => {
  local = await startLocalRegister();
});
beforeEach(async () => {
  deps = await local.deps({ clock: fixedClock('2026-11-23T09:00:00Z') });
  useDependencies(deps);
});
afterAll(async () => {
  useDependencies(undefined);
  await local?.stop();
});

type Request = Omit<Parameters<typeof httpEvent>[0], 'path'> & { path?: string };
const call = (operationId: OperationId, init: Request): Promise<HttpResult> =>
  ROUTE_HANDLERS[operationId](httpEvent({ path: '/', ...init, caller: init.caller ?? fundAdmin }), context);
const body = (r: HttpResult) => JSON.parse(r.body ?? 'null') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SEED = seedDocuments();
const seeded = (kind: SeedDocument['kind'], scope: string) => SEED.find((d) => d.kind === kind && d.scope === scope)!.data;
const insurers77 = () => structuredClone((seeded('insurers', '77') as { insurers: InsurerEntry[] }).insurers);

const getInsurers = (query: Record<string, string>, headers?: Record<string, string>, caller?: Caller) =>
  call('getInsurers', { path: '/catalogues/insurers', queryStringParameters: query, headers, caller });
const putInsurers = (insurers: unknown, headers?: Record<string, string>, caller?: Caller, region = '77') =>
  call('putInsurers', { method: 'PUT', path: '/catalogues/insurers', queryStringParameters: { region }, body: { insurers }, headers, caller });

/** Every version of a catalogue in the table, oldest first. */
async function versionsInTable(kind: string, scope: string) {
  const doc = DynamoDBDocumentClient.from(local.client);
  const out = await doc.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.catalogue(kind, scope) }, ConsistentRead: true }));
  return (out.Items ?? []) as { version: number; data: { insurers: InsurerEntry[] }; source: string; changedBy?: { subject: string } }[] & Record<string, unknown>[];
}

describe('reading a catalogue', () => {
  it('answers the current version with its tag, when and by whom it was written, cacheable; 304 to a caller holding it', async () => {
    const first = await getInsurers({ region: '77' }, undefined, citizenFor(1));
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({ etag: '"1"', 'cache-control': 'public, max-age=60' });
    expect(body(first)).toEqual({ kind: 'insurers', scope: '77', version: 1, changedAt: '2026-01-01T00:00:00Z', source: 'seed', data: { insurers: insurers77() } });

    for (const tag of ['"1"', 'W/"1"', '"7", "1"', '*']) {
      const again = await getInsurers({ region: '77' }, { 'if-none-match': tag }, clinic);
      expect({ tag, status: again.statusCode, body: again.body, etag: again.headers.etag }).toEqual({ tag, status: 304, body: '', etag: '"1"' });
      expect(again.headers['content-type']).toBeUndefined();
    }
    expect((await getInsurers({ region: '77' }, { 'if-none-match': '"2"' }, insurer('sogaz-med'))).statusCode).toBe(200);
  });

  it('refuses a region that is not one, or a version that is not a number, naming the parameter; 404 for a version that does not exist', async () => {
    const unknown = await getInsurers({ region: '99' });
    expect(unknown.statusCode).toBe(422);
    expect(body(unknown)).toMatchObject({ code: 'validation-failed', errors: [{ pointer: '/region', code: 'invalid', detail: 'Expected the two-digit code of a region of the register.' }] });
    expect(body(await getInsurers({}))).toMatchObject({ errors: [{ pointer: '/region', code: 'required' }] });
    expect(body(await getInsurers({ region: '77', version: 'two' }))).toMatchObject({ errors: [{ pointer: '/version', code: 'invalid' }] });
    expect(body(await getInsurers({ region: '77', version: '0' }))).toMatchObject({ errors: [{ pointer: '/version', code: 'invalid' }] });
    const missing = await getInsurers({ region: '77', version: '2' });
    expect(missing.statusCode).toBe(404);
    expect(body(missing)).toMatchObject({ code: 'not-found', detail: 'Version 2 of this catalogue was not found.' });
    // A region the seed has no clinics for has no version yet.
    expect((await call('getClinics', { queryStringParameters: { region: '01' } })).statusCode).toBe(404);
  });
});

describe('changing a catalogue', () => {
  it('writes version n+1 as the fund, and the old version still reads as it was', async () => {
    const changed = insurers77();
    changed[0]!.phone = '8-800-000-00-01';
    const put = await putInsurers(changed);
    expect(put.statusCode).toBe(200);
    expect(body(put)).toEqual({ kind: 'insurers', scope: '77', version: 2, changedAt: '2026-11-23T09:00:00.000Z', source: 'fund', changedBy: { roles: ['fund_admin'] }, data: { insurers: changed } });
    expect(put.headers['cache-control']).toBe('no-store');

    const current = await getInsurers({ region: '77' });
    expect(current.headers.etag).toBe('"2"');
    expect(body(current).data.insurers[0].phone).toBe('8-800-000-00-01');
    const old = await getInsurers({ region: '77', version: '1' });
    expect(old.headers).toMatchObject({ etag: '"1"', 'cache-control': 'public, max-age=86400' });
    expect(body(old)).toMatchObject({ version: 1, source: 'seed', data: { insurers: insurers77() } });

    // The table keeps who wrote it (for the audit); the answer shows the role and organization only.
    const stored = await versionsInTable('insurers', '77');
    expect(stored.map((v) => [v.version, v.source, v.changedBy?.subject])).toEqual([
      [1, 'seed', undefined],
      [2, 'fund', 'fund-admin'],
    ]);
    expect(JSON.stringify(body(current))).not.toContain('fund-admin');
  });

  it("a catalogue's first version is 201", async () => {
    const clinics = [{ code: '010101', name: 'ГБУЗ РА «Майкопская городская поликлиника»', shortName: 'МГП', address: 'г. Майкоп', attaches: ['therapist', 'gp'] }];
    const put = await call('putClinics', { method: 'PUT', queryStringParameters: { region: '01' }, body: { clinics } });
    expect(put.statusCode).toBe(201);
    expect(body(put)).toMatchObject({ kind: 'clinics', scope: '01', version: 1, data: { clinics } });
  });

  it('writes over the version If-Match names only: 412 with the current version otherwise', async () => {
    const list = insurers77();
    const stale = await putInsurers(list, { 'if-match': '"2"' });
    expect(stale.statusCode).toBe(412);
    expect(body(stale)).toMatchObject({ code: 'version-not-current', currentVersion: 1 });
    expect((await putInsurers(list, { 'if-match': 'W/"1"' })).statusCode).toBe(412); // a weak tag never matches a write
    expect((await putInsurers(list, { 'if-match': '"1"' })).statusCode).toBe(200);
    expect((await putInsurers(list, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await putInsurers(list, { 'if-match': '"5", "2"' })).statusCode).toBe(200);
    expect((await putInsurers(list, { 'if-match': '*' })).statusCode).toBe(200);
    expect(body(await call('putClinics', { method: 'PUT', queryStringParameters: { region: '01' }, body: { clinics: [] }, headers: { 'if-match': '*' } }))).toMatchObject({
      status: 412,
      currentVersion: null,
    });
    expect((await versionsInTable('insurers', '77')).map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('twenty changes at once: each gets a version of its own or a clean refusal, and no write is lost', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => insurers77().map((x, j) => (j === 0 ? { ...x, insured: 1000 + i } : x)));
    const answers = await Promise.all(bodies.map((list) => putInsurers(list)));
    const written = answers.filter((a) => a.statusCode === 200).map((a) => body(a));
    const refused = answers.filter((a) => a.statusCode !== 200);
    expect(written.length).toBeGreaterThan(0);
    for (const r of refused) expect([r.statusCode, body(r).code]).toEqual([409, 'catalogue-changed']);
    const versions = written.map((w) => w.version as number);
    expect(new Set(versions).size).toBe(versions.length);
    const stored = await versionsInTable('insurers', '77');
    // Versions follow one another with no gap, the seed's first; each answered version holds exactly what was sent.
    expect(stored.map((v) => v.version)).toEqual(Array.from({ length: written.length + 1 }, (_, i) => i + 1));
    for (const w of written) expect(stored.find((v) => v.version === w.version)!.data).toEqual(w.data);

    // With If-Match on the same version, one of twenty applies; the others learn the version that did.
    const current = stored.length;
    const conditional = await Promise.all(bodies.map((list) => putInsurers(list, { 'if-match': `"${current}"` })));
    expect(conditional.map((a) => a.statusCode).sort()).toEqual([200, ...Array<number>(19).fill(412)]);
    for (const a of conditional.filter((x) => x.statusCode === 412)) expect(body(a).currentVersion).toBe(current + 1);
  });

  it('refuses a body that breaks the schema or the rules, each field with its pointer and code', async () => {
    const list = insurers77();
    const broken = [{ ...list[0]!, ogrn: '1027739008441', code: '50001' }, { ...list[1]!, id: list[0]!.id, contractEnd: '2027-02-30' }, { ...list[2]!, extra: 1 }];
    const schema = await putInsurers(broken);
    expect(schema.statusCode).toBe(422);
    expect(body(schema).errors).toEqual([
      { pointer: '/insurers/1/contractEnd', code: 'invalid', detail: 'Not a calendar date.' },
      { pointer: '/insurers/2/extra', code: 'unknown-field', detail: 'This field is not part of the request.' },
    ]);
    const rules = await putInsurers(broken.slice(0, 2).map((x) => ({ ...x, contractEnd: null })));
    expect(body(rules).errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual([
      '/insurers/0/code other-region',
      '/insurers/0/ogrn ogrn-checksum',
      '/insurers/1/id duplicate',
    ]);
    expect(body(await putInsurers([]))).toMatchObject({ errors: [{ pointer: '/insurers', code: 'invalid' }] });
    expect(body(await putInsurers(list, undefined, undefined, '00'))).toMatchObject({ errors: [{ pointer: '/region' }] });
    // Nothing was written.
    expect((await versionsInTable('insurers', '77')).map((v) => v.version)).toEqual([1]);
  });

  it('takes a body up to 200 KiB, and stores it as one item far under DynamoDB\'s 400 KB; refuses more', async () => {
    const clinicsOf = (count: number) => ({
      clinics: Array.from({ length: count }, (_, i) => ({
        code: `01${String(i).padStart(4, '0')}`,
        name: `Государственное бюджетное учреждение здравоохранения «Поликлиника № ${i}»`.padEnd(200, 'я'),
        shortName: `Поликлиника № ${i}`,
        address: 'Республика Адыгея, г. Майкоп, ул. Пионерская, д. 1',
        attaches: ['therapist', 'pediatrician', 'gp'],
      })),
    });
    let count = 1;
    while (Buffer.byteLength(JSON.stringify(clinicsOf(count + 1))) <= 200 * 1024) count++;
    const largest = await call('putClinics', { method: 'PUT', queryStringParameters: { region: '01' }, body: clinicsOf(count) });
    expect(largest.statusCode, largest.body).toBe(201);
    const [stored] = await versionsInTable('clinics', '01');
    expect(itemSize(stored!)).toBeLessThan(210 * 1024);
    expect((await call('getClinics', { queryStringParameters: { region: '01' } })).statusCode).toBe(200);
    const tooLarge = await call('putClinics', { method: 'PUT', queryStringParameters: { region: '01' }, body: clinicsOf(count + 1) });
    expect([tooLarge.statusCode, body(tooLarge).code]).toEqual([413, 'body-too-large']);
  });

  it("a clinic's doctors: of a clinic its region lists, of the kinds it attaches", async () => {
    const doctors = [{ code: '770102-09', name: 'Орлова Вера Николаевна', specialty: 'pediatrician' }];
    const put = (code: string, list: unknown) => call('putClinicDoctors', { method: 'PUT', pathParameters: { code }, body: { doctors: list } });
    expect((await put('770102', doctors)).statusCode).toBe(200);
    expect((await put('779999', doctors)).statusCode).toBe(404);
    expect((await put('77010', doctors)).statusCode).toBe(404);
    expect((await put('990101', doctors)).statusCode).toBe(404);
    // 770102 is a children's clinic: it attaches to pediatricians only.
    const wrong = await put('770102', [...doctors, { code: '770102-10', name: 'Зайцев Олег Ильич', specialty: 'therapist' }, { code: '770102-09', name: 'Орлова В. Н.', specialty: 'dentist' }]);
    expect(wrong.statusCode).toBe(422);
    expect(body(wrong).errors).toEqual([expect.objectContaining({ pointer: '/doctors/2/specialty', code: 'invalid' })]);
    const attaches = await put('770102', [...doctors, { code: '770102-10', name: 'Зайцев Олег Ильич', specialty: 'therapist' }, doctors[0]]);
    expect(body(attaches).errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual(['/doctors/1/specialty not-attached', '/doctors/2/code duplicate']);
    const read = await call('getClinicDoctors', { pathParameters: { code: '770102' }, caller: citizenFor(3) });
    expect(body(read)).toMatchObject({ kind: 'doctors', scope: '770102', version: 2, data: { doctors } });
    expect((await call('getClinicDoctors', { pathParameters: { code: '770102' }, queryStringParameters: { version: '1' } })).statusCode).toBe(200);
    expect((await call('getClinicDoctors', { pathParameters: { code: '010101' } })).statusCode).toBe(404);
  });

  it('is for the fund only; every role reads', async () => {
    for (const caller of [mfcOperator('77'), insurer('sogaz-med'), clinic, citizenFor(4)]) {
      const refused = await putInsurers(insurers77(), undefined, caller);
      expect([refused.statusCode, body(refused).code]).toEqual([403, 'forbidden']);
      expect((await getInsurers({ region: '77' }, undefined, caller)).statusCode).toBe(200);
    }
    expect((await versionsInTable('insurers', '77')).length).toBe(1);
  });

  it('wins over the seed: a changed seed loads where the fund changed nothing, and never over the fund', async () => {
    expect((await putInsurers(insurers77())).statusCode).toBe(200);
    const changedSeed = SEED.filter((d) => d.kind === 'insurers' && ['77', '78'].includes(d.scope)).map((d) => ({ ...d, hash: `${d.hash}-changed` }));
    expect(await loadSeed(deps.catalogues.store, changedSeed, '2026-12-01T00:00:00Z')).toEqual({ loaded: 1, kept: 1 });
    expect(body(await getInsurers({ region: '77' }))).toMatchObject({ version: 2, source: 'fund' });
    expect(body(await getInsurers({ region: '78' }))).toMatchObject({ version: 2, source: 'seed', changedAt: '2026-12-01T00:00:00Z' });
    expect(await loadSeed(deps.catalogues.store, changedSeed, '2026-12-02T00:00:00Z')).toEqual({ loaded: 0, kept: 2 });
  });
});

describe('free care', () => {
  it("answers the federal list, or a region's with its additions and removals, with the versions it came from", async () => {
    const federal = await call('getFreeCare', {});
    expect(federal.headers.etag).toBe('"1"');
    expect(body(federal)).toMatchObject({ region: null, federal: { version: 1, source: 'seed' }, regional: null });
    const base = body(federal).care as string[];

    const moscow = await call('getFreeCare', { queryStringParameters: { region: '77' } });
    expect(moscow.headers.etag).toBe('"1.1"');
    const addition = 'медицинская реабилитация в рамках территориальной программы ОМС';
    expect(body(moscow)).toMatchObject({ region: '77', care: [...base, addition], regional: { version: 1, add: [addition], remove: [] } });
    // A region with no changes of its own: the federal list.
    expect(body(await call('getFreeCare', { queryStringParameters: { region: '50' } }))).toMatchObject({ care: base, regional: null });

    const put = await call('putRegionalCare', { method: 'PUT', queryStringParameters: { region: '77' }, body: { add: [addition], remove: [base[6]] }, headers: { 'if-match': '"1"' } });
    expect(put.statusCode).toBe(200);
    const after = await call('getFreeCare', { queryStringParameters: { region: '77' } });
    expect(after.headers.etag).toBe('"1.2"');
    expect(body(after).care).toEqual([...base.filter((c) => c !== base[6]), addition]);
    // The leaflet a filing gives says the same.
    expect(await deps.catalogues.freeCare('77')).toEqual(body(after).care);
    // As it was.
    const pinned = await call('getFreeCare', { queryStringParameters: { region: '77', version: '1', regionalVersion: '1' } });
    expect(pinned.headers['cache-control']).toBe('public, max-age=86400');
    expect(body(pinned).care).toEqual([...base, addition]);

    // A region's changes have a route of their own: the federal list's does not take a region.
    const misdirected = await call('putFreeCare', { method: 'PUT', queryStringParameters: { region: '77' }, body: { add: [addition], remove: [] } });
    expect(body(misdirected)).toMatchObject({ status: 422, errors: [{ pointer: '/region', code: 'unknown-field' }] });
    const federalPut = await call('putFreeCare', { method: 'PUT', body: { care: [...base, 'паллиативная помощь на дому'] } });
    expect(body(federalPut)).toMatchObject({ kind: 'free-care', scope: 'RU', version: 2 });
    expect((await call('getFreeCare', { queryStringParameters: { region: '77' } })).headers.etag).toBe('"2.2"');
    expect(body(await call('getRegionalCare', { queryStringParameters: { region: '77', version: '1' } }))).toMatchObject({ version: 1, data: { add: [addition], remove: [] } });

    const orphan = await call('getFreeCare', { queryStringParameters: { regionalVersion: '1' } });
    expect(body(orphan)).toMatchObject({ status: 422, errors: [{ pointer: '/regionalVersion', code: 'region-required' }] });
    expect(body(await call('putRegionalCare', { method: 'PUT', queryStringParameters: { region: '77' }, body: { add: ['x'], remove: ['x'] } }))).toMatchObject({
      errors: [{ pointer: '/add/0', code: 'added-and-removed' }],
    });
  });
});

describe('the production calendar in the table', () => {
  const year2027 = { year: 2027, source: 'A decree that makes Monday 1 March a day off', nonWorkingDays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-02-23', '2027-03-01', '2027-03-08'], workingWeekendDays: [] };
  const file = async (seed: number) => {
    const filed = await call('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(seed), caller: citizenFor(seed) });
    expect(filed.statusCode, filed.body).toBe(201);
    return body(filed).application.numberDueAt as string;
  };

  it('decides the day a number is due: a working day the fund makes a day off is skipped', async () => {
    // Friday 26 February 2027, noon in Moscow: 2027 has no version, so the statutory rule: Monday 1 March.
    useDependencies((deps = await local.deps({ clock: fixedClock('2027-02-26T09:00:00Z') })));
    expect((await call('getCalendarYear', { pathParameters: { year: '2027' } })).statusCode).toBe(404);
    expect(await file(1)).toBe('2027-03-01T20:59:59.999Z');

    const put = await call('putCalendarYear', { method: 'PUT', pathParameters: { year: '2027' }, body: year2027 });
    expect(put.statusCode, put.body).toBe(201);
    expect(await file(2)).toBe('2027-03-02T20:59:59.999Z');

    const read = await call('getCalendarYear', { pathParameters: { year: '2027' }, caller: mfcOperator('77') });
    expect(read.headers.etag).toBe('"1"');
    expect(body(read)).toMatchObject({ kind: 'calendar', scope: '2027', version: 1, source: 'fund', data: year2027 });
    // The seeded years read as the files say.
    expect(body(await call('getCalendarYear', { pathParameters: { year: '2026' } }))).toMatchObject({ source: 'seed', data: { year: 2026 } });
  });

  it("refuses a year that is not its path's, days of another year, or a working day that is no weekend", async () => {
    const put = (year: string, data: unknown) => call('putCalendarYear', { method: 'PUT', pathParameters: { year }, body: data });
    const wrong = await put('2028', { ...year2027, nonWorkingDays: ['2027-01-01', '2028-01-01'], workingWeekendDays: ['2027-03-02'] });
    expect(body(wrong).errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual([
      '/year year-mismatch',
      '/nonWorkingDays/1 other-year',
      '/workingWeekendDays/0 not-a-weekend',
    ]);
    expect(body(await put('2027', { ...year2027, nonWorkingDays: ['2027-02-29'] }))).toMatchObject({ errors: [{ pointer: '/nonWorkingDays/0', code: 'invalid', detail: 'Not a calendar date.' }] });
    expect((await put('1999', { ...year2027, year: 1999 })).statusCode).toBe(404);
    expect((await put('twenty', year2027)).statusCode).toBe(404);
  });
});
