/**
 * CPU cost of the rules every application pays (Lambda bills by the millisecond).
 * Run with `npm run bench`; compare runs on the same machine, not across machines.
 */
import { bench, describe } from 'vitest';
import { loadProductionCalendar } from '#shared/calendar/year-files.ts';
import { CHOICE_SETTINGS, COMPLAINT_SETTINGS, INTAKE_SETTINGS, PIN_SETTINGS, SWEEP_SETTINGS } from '#shared/config/settings.ts';
import type { CatalogueData } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { composeEnp, decodeEnp } from '#shared/domain/enp.ts';
import { parseSnils } from '#shared/domain/snils.ts';
import { fingerprint, LookupHasher } from '#shared/privacy/lookup-hasher.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { checkApplication } from '#shared/services/intake-checks.ts';

const calendar = loadProductionCalendar();
const settings = { intake: INTAKE_SETTINGS.read({}), sweep: SWEEP_SETTINGS.read({}), pin: PIN_SETTINGS.read({}), choices: CHOICE_SETTINGS.read({}), complaints: COMPLAINT_SETTINGS.read({}) };
const insurers = seedDocuments().find((d) => d.kind === 'insurers' && d.scope === exampleApplication.region)!.data as CatalogueData['insurers'];
const hasher = new LookupHasher('k'.repeat(64));
const parsed = applicationRequestSchema.parse(exampleApplication);
const instant = new Date('2026-12-30T20:00:00Z');

describe('identifiers', () => {
  bench('ЕНП compose', () => void composeEnp({ territory: '77', birthDate: '1990-05-14', sex: 'male', serial: 12_345 }));
  bench('ЕНП decode', () => void decodeEnp('7851000840000199'));
  bench('SNILS parse', () => void parseSnils('112-233-445 95'));
  bench('keyed hash of a SNILS', () => void hasher.snils('11223344595'));
});

describe('an application', () => {
  bench('zod parse of the request', () => void applicationRequestSchema.parse(exampleApplication));
  bench('domain checks', () => void checkApplication(parsed, '2026-11-23', { settings }, insurers.insurers));
  bench('request fingerprint', () => void fingerprint(parsed));
  bench('number deadline across the New Year holidays', () => void calendar.endOfNextWorkingDay(instant, 'Asia/Vladivostok'));
});
