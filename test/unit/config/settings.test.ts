import { describe, expect, it } from 'vitest';
import { readSettings } from '#shared/config/settings.ts';
import { fingerprint, LookupHasher } from '#shared/privacy/lookup-hasher.ts';

const base = { TABLE_NAME: 't', NUMBER_QUEUE_URL: 'q', LOOKUP_KEY: 'k'.repeat(32) };

describe('settings', () => {
  it('defaults to a 45-day temporary policy and excludes family members of highly qualified specialists', () => {
    const s = readSettings(base);
    expect(s.temporaryPolicyDays).toBe(45);
    expect(s.eligibility.excluded).toEqual(['highly_qualified_specialist_family']);
    expect(s.stalledAfterMinutes).toBe(5);
  });

  it('takes a term of 30 to 45 days only', () => {
    expect(readSettings({ ...base, TEMPORARY_POLICY_DAYS: '30' }).temporaryPolicyDays).toBe(30);
    expect(() => readSettings({ ...base, TEMPORARY_POLICY_DAYS: '29' })).toThrow(/TEMPORARY_POLICY_DAYS/);
    expect(() => readSettings({ ...base, TEMPORARY_POLICY_DAYS: '46' })).toThrow(/TEMPORARY_POLICY_DAYS/);
  });

  it('takes the exclusion list as configuration, and refuses unknown categories', () => {
    expect(readSettings({ ...base, ELIGIBILITY_EXCLUDED: 'highly_qualified_specialist, highly_qualified_specialist_family' }).eligibility.excluded).toHaveLength(2);
    expect(readSettings({ ...base, ELIGIBILITY_EXCLUDED: '' }).eligibility.excluded).toEqual([]);
    expect(() => readSettings({ ...base, ELIGIBILITY_EXCLUDED: 'aliens' })).toThrow(/ELIGIBILITY_EXCLUDED/);
  });

  it('names what is missing', () => {
    expect(() => readSettings({})).toThrow(/TABLE_NAME.*NUMBER_QUEUE_URL/);
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
