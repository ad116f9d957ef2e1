import type { InsurerEntry } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { citizenFor, clinic, fundAdmin, insurer, mfcOperator } from '../applications.ts';
import type { MeteredOperation } from './operations.ts';

/**
 * The catalogue routes' operations, metered with their own catalogue reads (`catalogues:
 * 'metered'`): each read as if it reached the table (the function's copy older than a minute),
 * each change with its consistent read of the latest version and the write of the next.
 */
const SEED = seedDocuments();
const seeded = (kind: string, scope: string) => structuredClone(SEED.find((d) => d.kind === kind && d.scope === scope)!.data);

async function ok(result: Promise<HttpResult>, status: number): Promise<HttpResult> {
  const r = await result;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}

/** A region's clinics as large as a change may be (200 KiB of JSON). */
function clinicsAtTheLimit() {
  const clinicsOf = (count: number) => ({
    clinics: Array.from({ length: count }, (_, i) => ({
      code: `77${String(1000 + i).padStart(4, '0')}`,
      name: `Государственное бюджетное учреждение здравоохранения города Москвы «Городская поликлиника № ${i}»`,
      shortName: `ГП № ${i}`,
      address: `г. Москва, ул. Большая Пироговская, д. ${i}, стр. 1`,
      attaches: ['therapist', 'gp'],
    })),
  });
  let count = 1;
  while (Buffer.byteLength(JSON.stringify(clinicsOf(count + 1))) <= 200 * 1024) count++;
  return clinicsOf(count);
}

const read = (name: string, of: MeteredOperation['of'], path: string, query: Record<string, string> | undefined, params?: Record<string, string>, caller = citizenFor(40)): MeteredOperation => ({
  name,
  of,
  budget: { readUnits: 0.5, writeUnits: 0 },
  catalogues: 'metered',
  prepare: async (r) => () => ok(r.http(of as Parameters<typeof r.http>[0], { path, queryStringParameters: query, pathParameters: params, caller }), 200),
});

export const CATALOGUE_OPERATIONS: MeteredOperation[] = [
  read("read a region's insurers", 'getInsurers', '/catalogues/insurers', { region: '77' }),
  read("read a region's clinics", 'getClinics', '/catalogues/clinics', { region: '77' }, undefined, insurer('sogaz-med')),
  read("read a clinic's doctors", 'getClinicDoctors', '/catalogues/clinics/770101/doctors', undefined, { code: '770101' }),
  read("read an old version of a region's insurers", 'getInsurers', '/catalogues/insurers', { region: '77', version: '1' }, undefined, clinic),
  {
    ...read("read a region's free care", 'getFreeCare', '/catalogues/free-care', { region: '77' }),
    budget: { readUnits: 1, writeUnits: 0 },
  },
  read("read a region's changes to free care", 'getRegionalCare', '/catalogues/regional-care', { region: '77' }, undefined, mfcOperator('77')),
  read('read a year of the production calendar', 'getCalendarYear', '/calendar/2026', undefined, { year: '2026' }),
  {
    name: "change a region's insurers (fund)",
    of: 'putInsurers',
    budget: { readUnits: 1, writeUnits: 2 },
    catalogues: 'metered',
    prepare: async (r) => {
      const { insurers } = seeded('insurers', '77') as { insurers: InsurerEntry[] };
      insurers[0]!.phone = '8-800-000-00-01';
      return () => ok(r.http('putInsurers', { method: 'PUT', path: '/catalogues/insurers', queryStringParameters: { region: '77' }, body: { insurers }, headers: { 'if-match': '"1"' }, caller: fundAdmin }), 200);
    },
  },
  {
    name: "change a region's clinics (fund)",
    of: 'putClinics',
    budget: { readUnits: 1, writeUnits: 1 },
    catalogues: 'metered',
    prepare: async (r) => () => ok(r.http('putClinics', { method: 'PUT', path: '/catalogues/clinics', queryStringParameters: { region: '77' }, body: seeded('clinics', '77'), caller: fundAdmin }), 200),
  },
  {
    name: "change a region's clinics at the size limit, 200 KiB (fund)",
    of: 'putClinics',
    budget: { readUnits: 1, writeUnits: 183 },
    catalogues: 'metered',
    prepare: async (r) => {
      const clinics = clinicsAtTheLimit();
      return () => ok(r.http('putClinics', { method: 'PUT', path: '/catalogues/clinics', queryStringParameters: { region: '77' }, body: clinics, caller: fundAdmin }), 200);
    },
  },
  {
    name: "change a clinic's doctors (fund)",
    of: 'putClinicDoctors',
    budget: { readUnits: 1.5, writeUnits: 1 },
    catalogues: 'metered',
    prepare: async (r) => () =>
      ok(r.http('putClinicDoctors', { method: 'PUT', path: '/catalogues/clinics/770101/doctors', pathParameters: { code: '770101' }, body: seeded('doctors', '770101'), caller: fundAdmin }), 200),
  },
  {
    name: 'change the federal free care (fund)',
    of: 'putFreeCare',
    budget: { readUnits: 1, writeUnits: 1 },
    catalogues: 'metered',
    prepare: async (r) => () => ok(r.http('putFreeCare', { method: 'PUT', path: '/catalogues/free-care', body: seeded('free-care', 'RU'), caller: fundAdmin }), 200),
  },
  {
    name: "change a region's free care (fund)",
    of: 'putRegionalCare',
    budget: { readUnits: 1, writeUnits: 1 },
    catalogues: 'metered',
    prepare: async (r) => () =>
      ok(r.http('putRegionalCare', { method: 'PUT', path: '/catalogues/regional-care', queryStringParameters: { region: '77' }, body: seeded('regional-care', '77'), caller: fundAdmin }), 200),
  },
  {
    name: 'set a year of the production calendar (fund)',
    of: 'putCalendarYear',
    budget: { readUnits: 1, writeUnits: 1 },
    catalogues: 'metered',
    prepare: async (r) => () =>
      ok(
        r.http('putCalendarYear', {
          method: 'PUT',
          path: '/calendar/2027',
          pathParameters: { year: '2027' },
          body: { year: 2027, nonWorkingDays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04'] },
          caller: fundAdmin,
        }),
        201,
      ),
  },
];
