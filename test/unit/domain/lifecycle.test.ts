import { describe, expect, it } from 'vitest';
import { conversionDay, conversionSettingsProblem } from '#shared/domain/lifecycle/conversion.ts';
import { nextDeadline } from '#shared/domain/lifecycle/deadlines.ts';
import { effectiveStatus } from '#shared/domain/lifecycle/policy-status.ts';
import { decideChange } from '#shared/domain/lifecycle/status-changes.ts';
import { localDate } from '#shared/domain/local-date.ts';
import { hashPin, newPin, pinMatches } from '#shared/pin/pin-code.ts';
import type { PersonRecord, PolicyRecord } from '#shared/store/records.ts';
import type { CatalogueData } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';

const seed = seedDocuments();
/** A move's destination as the seed lists it. */
const to = (region: string) => ({ insurers: (seed.find((d) => d.kind === 'insurers' && d.scope === region)!.data as CatalogueData['insurers']).insurers, assignment: 'weighted' as const });

const temporary: PolicyRecord = {
  policyId: 'T',
  personId: 'P',
  form: 'В',
  status: 'active',
  validFrom: '2026-11-23',
  validTo: '2027-01-06',
  insurerId: 'reso-med',
  region: '77',
  applicationId: 'A',
  issuedAt: '2026-11-23T09:00:00Z',
};
const person = { personId: 'P', region: '77', insurerId: 'reso-med', version: 3 } as PersonRecord;

describe('the conversion window', () => {
  it('takes a day 30 to 45 after issue, and on or before the temporary policy\'s last day', () => {
    expect(conversionSettingsProblem(45, 29)).toMatch(/must be 30 to 45/);
    expect(conversionSettingsProblem(45, 30)).toBeUndefined();
    expect(conversionSettingsProblem(45, 44)).toBeUndefined();
    expect(conversionSettingsProblem(45, 45)).toMatch(/falls after the temporary policy ends/);
    expect(conversionSettingsProblem(30, 30)).toMatch(/falls after/);
    expect(conversionSettingsProblem(31, 30)).toBeUndefined();
  });

  it('counts calendar days, across a leap day', () => {
    expect(conversionDay('2028-02-01', '2028-03-16', 30)).toBe('2028-03-02');
    expect(conversionDay('2027-02-01', '2027-03-17', 30)).toBe('2027-03-03');
    expect(conversionDay('2025-12-30', '2026-02-12', 30)).toBe('2026-01-29');
  });

  it('converts a refugee whose stay ends inside the window on its last day; one ending before the window never', () => {
    expect(conversionDay('2026-11-23', '2026-12-28', 40)).toBe('2026-12-28');
    expect(conversionDay('2026-11-23', '2026-12-28', 30)).toBe('2026-12-23');
    expect(conversionDay('2026-11-23', '2026-12-22', 30)).toBeUndefined();
    expect(conversionDay('2026-11-23', '2026-12-23', 30)).toBe('2026-12-23');
  });
});

describe('statuses and deadlines', () => {
  it('reads a bounded policy past its last day as expired, whatever the record says', () => {
    const bounded = { ...temporary, form: 'Э' as const, validTo: '2027-03-01' };
    expect(effectiveStatus(bounded, '2027-03-01')).toBe('active');
    expect(effectiveStatus(bounded, '2027-03-02')).toBe('expired');
    expect(effectiveStatus({ ...bounded, status: 'suspended' }, '2027-03-02')).toBe('expired');
    expect(effectiveStatus({ ...bounded, status: 'terminated' }, '2027-03-02')).toBe('terminated');
    expect(effectiveStatus({ ...bounded, validTo: null }, '2099-01-01')).toBe('active');
  });

  it('looks next at a suspension\'s end or the day after the last day, at the start of that day in the region', () => {
    const bounded: PolicyRecord = { ...temporary, form: 'Э', validTo: '2027-03-01' };
    expect(nextDeadline(bounded, 'Europe/Moscow')).toBe('2027-03-01T21:00:00.000Z');
    expect(nextDeadline({ ...bounded, status: 'suspended', suspension: { reason: 'other', from: '2026-12-01', endsOn: '2027-01-10' } }, 'Asia/Kamchatka')).toBe('2027-01-09T12:00:00.000Z');
    expect(nextDeadline({ ...bounded, validTo: null }, 'Europe/Moscow')).toBeUndefined();
    // A temporary policy waiting for conversion has no expiry deadline: conversion comes first.
    expect(nextDeadline({ ...temporary, convertOn: '2026-12-23' }, 'Europe/Moscow')).toBeUndefined();
    expect(nextDeadline(temporary, 'Europe/Moscow')).toBe('2027-01-06T21:00:00.000Z');
  });

  it('tells a region\'s date in its own zone', () => {
    const instant = new Date('2026-12-31T13:30:00Z');
    expect(localDate(instant, 'Europe/Moscow')).toBe('2026-12-31');
    expect(localDate(instant, 'Asia/Kamchatka')).toBe('2027-01-01');
  });

  it('changes only what the rules allow', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'applied';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    const suspended = decideChange(person, temporary, { kind: 'suspend', reason: 'military_service' }, '2026-11-23').policy;
    expect(suspended).toMatchObject({ status: 'suspended', suspension: { reason: 'military_service', from: '2026-11-23' } });
    expect(code(() => decideChange(person, suspended, { kind: 'suspend', reason: 'other' }, '2026-11-23'))).toBe('policy-suspended');
    expect(code(() => decideChange(person, suspended, { kind: 'change-region', region: '78' }, '2026-11-23', to('78')))).toBe('policy-suspended');
    expect(code(() => decideChange(person, temporary, { kind: 'resume' }, '2026-11-23'))).toBe('policy-not-suspended');
    expect(code(() => decideChange(person, temporary, { kind: 'suspend', reason: 'other', endsOn: '2026-11-23' }, '2026-11-23'))).toBe('validation-failed');
    const dead = decideChange(person, suspended, { kind: 'terminate', reason: 'death' }, '2026-11-24');
    expect(dead.event).toMatchObject({ kind: 'terminated', registerCode: 'П022' });
    expect(code(() => decideChange(person, dead.policy, { kind: 'resume' }, '2026-11-24'))).toBe('policy-terminated');
    expect(decideChange(person, temporary, { kind: 'terminate', reason: 'citizenship_lost' }, '2026-11-24').event.registerCode).toBeUndefined();
    // Moving where the insurer works keeps it, with no insurer code; where it does not, the fund assigns one (П035).
    expect(decideChange(person, temporary, { kind: 'change-region', region: '50' }, '2026-11-24', to('50')).event).toMatchObject({ changes: { region: { from: '77', to: '50' } } });
    expect(decideChange(person, temporary, { kind: 'change-region', region: '50' }, '2026-11-24', to('50')).event.registerCode).toBeUndefined();
    expect(decideChange(person, temporary, { kind: 'change-region', region: '41' }, '2026-11-24', to('41')).event.registerCode).toBe('П035');
  });
});

describe('the PIN', () => {
  it('is six digits, hashed with a salt: the same PIN hashes differently, and only it matches', async () => {
    const pin = newPin();
    expect(pin).toMatch(/^\d{6}$/);
    const [one, two] = await Promise.all([hashPin(pin, 10), hashPin(pin, 10)]);
    expect(one.hash).not.toBe(two.hash);
    expect(JSON.stringify(one)).not.toContain(pin);
    expect(await pinMatches(pin, one)).toBe(true);
    expect(await pinMatches(pin === '000000' ? '000001' : '000000', one)).toBe(false);
  });
});
