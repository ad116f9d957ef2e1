import { describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { checkIncidentDate, checkTransition, dueAt, isOverdue, type ComplaintAction, type ComplaintStatus } from '#shared/domain/complaints/complaint-rules.ts';
import { Problem } from '#shared/domain/problem.ts';
import { COMPLAINT_SETTINGS } from '#shared/config/settings.ts';

function refusal(f: () => void) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    return { status: e.status, code: e.code, ...e.extensions, ...(e.errors[0] ? { pointer: e.errors[0].pointer, field: e.errors[0].code } : {}) };
  }
  return undefined;
}

describe('a complaint\'s due date', () => {
  const clock = fixedClock('2026-11-23T09:00:00Z');

  it('is 30 days after receipt by default, to the instant, and configurable', () => {
    expect(dueAt(clock.now(), COMPLAINT_SETTINGS.read({}).dueDays)).toBe('2026-12-23T09:00:00.000Z');
    expect(dueAt(clock.now(), COMPLAINT_SETTINGS.read({ COMPLAINT_DUE_DAYS: '10' }).dueDays)).toBe('2026-12-03T09:00:00.000Z');
    expect(() => COMPLAINT_SETTINGS.read({ COMPLAINT_DUE_DAYS: '0' })).toThrow(/COMPLAINT_DUE_DAYS/);
  });

  it('makes an open complaint overdue from its due instant, a closed one never', () => {
    const due = dueAt(clock.now(), 30);
    expect(isOverdue({ status: 'received', dueAt: due }, new Date('2026-12-23T08:59:59.999Z'))).toBe(false);
    expect(isOverdue({ status: 'received', dueAt: due }, new Date('2026-12-23T09:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: due }, new Date('2027-01-10T00:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'answered', dueAt: due }, new Date('2027-01-10T00:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'forwarded', dueAt: due }, new Date('2027-01-10T00:00:00Z'))).toBe(false);
  });
});

describe('the day of the incident', () => {
  it('may be today or earlier, never after today', () => {
    expect(refusal(() => checkIncidentDate('2026-11-23', '2026-11-23'))).toBeUndefined();
    expect(refusal(() => checkIncidentDate('2025-01-01', '2026-11-23'))).toBeUndefined();
    expect(refusal(() => checkIncidentDate('2026-11-24', '2026-11-23'))).toEqual({ status: 422, code: 'validation-failed', pointer: '/incidentOn', field: 'in-future' });
  });
});

describe('status transitions', () => {
  const take: ComplaintAction = { status: 'in_progress' };
  const answer: ComplaintAction = { status: 'answered', answer: 'Запись восстановлена.' };
  const forward: ComplaintAction = { status: 'forwarded', forwardedTo: 'roszdravnadzor', answer: 'Передано.' };
  const cases: [ComplaintStatus, ComplaintAction, string | undefined][] = [
    ['received', take, undefined],
    ['received', answer, undefined],
    ['received', forward, undefined],
    ['in_progress', take, 'complaint-in-progress'],
    ['in_progress', answer, undefined],
    ['in_progress', forward, undefined],
    ['answered', take, 'complaint-closed'],
    ['answered', answer, 'complaint-closed'],
    ['forwarded', answer, 'complaint-closed'],
    ['forwarded', forward, 'complaint-closed'],
  ];
  it.each(cases)('from %s, %o: %s', (from, action, code) => {
    const refused = refusal(() => checkTransition(from, action));
    expect(refused).toEqual(code === undefined ? undefined : { status: 409, code, complaintStatus: from });
  });
});
