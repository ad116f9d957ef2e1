import type { Caller } from '#shared/auth/caller.ts';
import type { ApplicationRequest } from '#shared/schemas/application-request.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { snilsCheckNumber, formatSnils } from '#shared/domain/snils.ts';

/** A valid SNILS made from a seed: distinct seeds, distinct people. */
export function snilsFor(seed: number): string {
  const body = String(100_000_000 + (seed % 800_000_000)).padStart(9, '0');
  return formatSnils(body + String(snilsCheckNumber(body)).padStart(2, '0'));
}

/** A valid adult citizen's application, unique per seed (SNILS and passport). */
export function adultApplication(seed: number, overrides: Partial<ApplicationRequest> = {}): ApplicationRequest {
  return {
    ...exampleApplication,
    person: { ...exampleApplication.person, snils: snilsFor(seed) },
    documents: [{ type: 14, series: '4512', number: String(100_000 + seed).slice(-6) }],
    ...overrides,
  };
}

export function childApplication(seed: number, birthDate: string): ApplicationRequest {
  return {
    channel: 'mfc',
    region: '78',
    category: 'citizen',
    person: { lastName: 'Петрова', firstName: 'Анна', birthDate, sex: 'female' },
    documents: [{ type: 3, series: 'IV-МЮ', number: String(200_000 + seed).slice(-6) }],
    representative: { lastName: 'Петрова', firstName: 'Мария', relation: 'mother', document: { type: 14, series: '4010', number: String(300_000 + seed).slice(-6) } },
  };
}

/** The citizen whose own application `adultApplication(seed)` is (their verified SNILS matches). */
export function citizenFor(seed: number): Caller {
  return { subject: `citizen-${seed}`, roles: ['citizen'], snils: snilsFor(seed).replace(/\D/g, '') };
}

export const mfcOperator = (region: string, subject = `operator-mfc-${region}`): Caller => ({ subject, roles: ['operator'], region });
export const insurerOffice = (insurerId: string): Caller => ({ subject: `operator-${insurerId}`, roles: ['operator'], insurerId });
export const insurer = (insurerId: string): Caller => ({ subject: `insurer-${insurerId}`, roles: ['insurer'], insurerId });
export const fundAdmin: Caller = { subject: 'fund-admin', roles: ['fund_admin'] };
export const clinic: Caller = { subject: 'clinic-1', roles: ['clinic'], clinicId: 'clinic-1' };

/** The same application filed by an MFC operator of its region. */
export const viaMfc = (r: ApplicationRequest): ApplicationRequest => ({ ...r, channel: 'mfc' });
