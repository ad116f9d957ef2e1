import type { ApplicationRequest } from '#shared/schemas/application.ts';
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
