import { describe, expect, it } from 'vitest';
import { careDateRefusal, clinicRegionOf, diagnosisGroupProblem, insurerSince, type InsurerChange } from '#shared/domain/care/care-rules.ts';
import { careBatchItemSchema, careEventRequestSchema } from '#shared/schemas/care-requests.ts';

const MOSCOW = 'Europe/Moscow';

describe('diagnosis groups', () => {
  it('takes ICD-10 categories and blocks within one letter, forwards', () => {
    for (const g of ['J45', 'J00-J06', 'A00-A09', 'Z00-Z99', 'C50-C50']) expect(diagnosisGroupProblem(g), g).toBeUndefined();
  });

  it('refuses full diagnoses, words, lower case, and blocks across letters or backwards', () => {
    for (const g of ['J45.0', 'J4', 'j45', 'астма', 'J00-K06', 'J06-J00', 'J00–J06', 'J00-J06 ', '', 'J00-', 'JJ0']) expect(diagnosisGroupProblem(g), g).toBeDefined();
  });
});

describe('the care date', () => {
  const context = { today: '2026-11-23', birthDate: '1990-05-14' };

  it('is a day that has come, in the region, on or after the birth', () => {
    expect(careDateRefusal('2026-11-23', context)).toBeUndefined();
    expect(careDateRefusal('1990-05-14', context)).toBeUndefined();
    expect(careDateRefusal('2026-11-24', context)).toMatchObject({ status: 422, error: { pointer: '/date', code: 'in-the-future' } });
    expect(careDateRefusal('1990-05-13', context)).toMatchObject({ status: 422, error: { pointer: '/date', code: 'before-birth' } });
  });

  it("is within the calling insurer's time: an earlier day is the previous insurer's (409), the day of the change is both's", () => {
    const since = { ...context, insurerSince: '2026-06-01' };
    expect(careDateRefusal('2026-05-31', since)).toMatchObject({ status: 409, code: 'care-before-insurer', error: { pointer: '/date' } });
    expect(careDateRefusal('2026-06-01', since)).toBeUndefined();
    // The first insurer in the register: from the birth on.
    expect(careDateRefusal('1991-01-01', context)).toBeUndefined();
  });
});

describe("when an insurer's time began", () => {
  const changes: InsurerChange[] = [
    { at: '2025-03-01T10:00:00.000Z', changes: { insurerId: { from: 'sogaz-med', to: 'reso-med' } } },
    { at: '2026-05-31T22:30:00.000Z', changes: { insurerId: { from: 'reso-med', to: 'sogaz-med' } } },
    { at: '2026-07-01T10:00:00.000Z', changes: { region: { from: '77', to: '78' } } },
  ];

  it('is the day, in the region, of the newest change that made it the insurer', () => {
    // 22:30 UTC on 31 May is 1 June in Moscow.
    expect(insurerSince(changes, 'sogaz-med', MOSCOW)).toBe('2026-06-01');
    expect(insurerSince(changes, 'reso-med', MOSCOW)).toBe('2025-03-01');
  });

  it('is none for the first insurer (no change made it the insurer)', () => {
    expect(insurerSince([], 'sogaz-med', MOSCOW)).toBeUndefined();
    expect(insurerSince(changes, 'kapital-ms', MOSCOW)).toBeUndefined();
  });

  it("finds the clinic's region in its code", () => {
    expect(clinicRegionOf('780101')).toBe('78');
  });
});

describe('the care report', () => {
  const report = { eventId: 'SOGAZ-2026-000123', date: '2026-11-20', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };

  it('takes coded facts only: no free text, no other field', () => {
    expect(careEventRequestSchema.safeParse(report).success).toBe(true);
    expect(careEventRequestSchema.safeParse({ ...report, note: 'кашель' }).success).toBe(false);
    expect(careEventRequestSchema.safeParse({ ...report, diagnosisGroup: 'ОРВИ' }).success).toBe(false);
    expect(careEventRequestSchema.safeParse({ ...report, kind: 'cosmetic' }).success).toBe(false);
    expect(careEventRequestSchema.safeParse({ ...report, eventId: 'id with spaces' }).success).toBe(false);
    expect(careEventRequestSchema.safeParse({ ...report, date: '2026-02-30' }).success).toBe(false);
    expect(careBatchItemSchema.safeParse({ ...report, personId: 'not-an-id' }).success).toBe(false);
  });
});
