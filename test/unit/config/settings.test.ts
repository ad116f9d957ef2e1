import { describe, expect, it } from 'vitest';
import { INTAKE_SETTINGS, LOOKUP_KEY_SETTINGS, SWEEP_SETTINGS, TABLE_SETTINGS, TOKEN_CLAIM_SETTINGS } from '#shared/config/settings.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { createDependencies, provide } from '#shared/services/dependencies.ts';
import { fingerprint, LookupHasher } from '#shared/privacy/lookup-hasher.ts';

describe('settings', () => {
  it('defaults to a 45-day temporary policy and excludes family members of highly qualified specialists', () => {
    const s = INTAKE_SETTINGS.read({});
    expect(s.temporaryPolicyDays).toBe(45);
    expect(s.eligibility.excluded).toEqual(['highly_qualified_specialist_family']);
    expect(s.stalledAfterMinutes).toBe(5);
    expect(SWEEP_SETTINGS.read({}).stalledAfterMinutes).toBe(5);
  });

  it('takes a term of 30 to 45 days only', () => {
    expect(INTAKE_SETTINGS.read({ TEMPORARY_POLICY_DAYS: '40' }).temporaryPolicyDays).toBe(40);
    expect(() => INTAKE_SETTINGS.read({ TEMPORARY_POLICY_DAYS: '29' })).toThrow(/TEMPORARY_POLICY_DAYS/);
    expect(() => INTAKE_SETTINGS.read({ TEMPORARY_POLICY_DAYS: '46' })).toThrow(/TEMPORARY_POLICY_DAYS/);
  });

  it('refuses a conversion day outside 1 to 1.5 months, or after the temporary policy ends', () => {
    expect(INTAKE_SETTINGS.read({}).conversionAfterDays).toBe(30);
    expect(INTAKE_SETTINGS.read({ CONVERSION_AFTER_DAYS: '44' }).conversionAfterDays).toBe(44);
    expect(() => INTAKE_SETTINGS.read({ CONVERSION_AFTER_DAYS: '29' })).toThrow(/CONVERSION_AFTER_DAYS must be 30 to 45/);
    // Day 45 after issue is the day after a 45-day temporary policy's last day.
    expect(() => INTAKE_SETTINGS.read({ CONVERSION_AFTER_DAYS: '45' })).toThrow(/falls after the temporary policy ends/);
    expect(() => INTAKE_SETTINGS.read({ TEMPORARY_POLICY_DAYS: '30' })).toThrow(/CONVERSION_AFTER_DAYS 30 falls after the temporary policy ends/);
    expect(() => INTAKE_SETTINGS.read({ TEMPORARY_POLICY_DAYS: '35', CONVERSION_AFTER_DAYS: '40' })).toThrow(/falls after/);
  });

  it('takes the exclusion list as configuration, and refuses unknown categories', () => {
    expect(INTAKE_SETTINGS.read({ ELIGIBILITY_EXCLUDED: 'highly_qualified_specialist, highly_qualified_specialist_family' }).eligibility.excluded).toHaveLength(2);
    expect(INTAKE_SETTINGS.read({ ELIGIBILITY_EXCLUDED: '' }).eligibility.excluded).toEqual([]);
    expect(() => INTAKE_SETTINGS.read({ ELIGIBILITY_EXCLUDED: 'aliens' })).toThrow(/ELIGIBILITY_EXCLUDED/);
  });

  it('names what is missing, group by group', () => {
    expect(() => TABLE_SETTINGS.read({})).toThrow(/TABLE_NAME/);
    expect(() => LOOKUP_KEY_SETTINGS.read({})).toThrow(/LOOKUP_KEY or LOOKUP_KEY_SECRET_ARN/);
    expect(TABLE_SETTINGS.variables).toEqual(['TABLE_NAME']);
  });

  it('takes claim names of another issuer as JSON, and refuses anything else', () => {
    expect(TOKEN_CLAIM_SETTINGS.read({})).toEqual({});
    expect(TOKEN_CLAIM_SETTINGS.read({ TOKEN_CLAIMS: '{"roles":"groups"}' })).toEqual({ roles: 'groups' });
    expect(() => TOKEN_CLAIM_SETTINGS.read({ TOKEN_CLAIMS: '{"role":"groups"}' })).toThrow(/TOKEN_CLAIMS/);
    expect(() => TOKEN_CLAIM_SETTINGS.read({ TOKEN_CLAIMS: 'groups' })).toThrow(/TOKEN_CLAIMS/);
  });

  it('are read only when a function uses them: a function without a queue URL runs until it sends', async () => {
    const deps = createDependencies({ env: { TABLE_NAME: 'register' } });
    expect(() => deps.numberRequests).toThrow(/has no numberRequests/);
    provide({ numberRequests: sqsNumberRequests });
    expect(deps.store).toBeDefined();
    expect(deps.settings.sweep.stalledAfterMinutes).toBe(5);
    expect(() => deps.numberRequests).toThrow(/NUMBER_QUEUE_URL/);
    await expect(deps.hasher()).rejects.toThrow(/LOOKUP_KEY/);
    expect(() => createDependencies({ env: {} }).store).toThrow(/TABLE_NAME/);
  });
});

describe('keyed lookup hashes', () => {
  it('depend on the key, so the table keys reveal nothing without it', () => {
    const a = new LookupHasher('a'.repeat(32));
    const b = new LookupHasher('b'.repeat(32));
    expect(a.snils('11223344595')).toBe(a.snils('11223344595'));
    expect(a.snils('11223344595')).not.toBe(b.snils('11223344595'));
    expect(a.snils('11223344595')).not.toContain('11223344595');
    expect(a.document({ type: 14, series: '4512', number: '123456' })).not.toBe(a.document({ type: 3, series: '4512', number: '123456' }));
    expect(() => new LookupHasher('short')).toThrow();
  });

  it('fingerprints a body independently of key order', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(fingerprint({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});
