import { describe, expect, it } from 'vitest';
import { actorOf, callerFromClaims } from '#shared/auth/caller.ts';

describe('reading the caller from JWT claims', () => {
  it('reads Cognito groups as API Gateway hands them over ("[a b]") and as arrays', () => {
    expect(callerFromClaims({ sub: 'u1', 'cognito:groups': '[operator citizen]', 'custom:region': '77' })).toEqual({
      subject: 'u1',
      roles: ['operator', 'citizen'],
      region: '77',
      insurerId: undefined,
      clinicId: undefined,
      snils: undefined,
    });
    expect(callerFromClaims({ sub: 'u2', 'cognito:groups': ['insurer'], 'custom:insurer_id': 'sogaz-med' })).toMatchObject({ roles: ['insurer'], insurerId: 'sogaz-med' });
  });

  it('reads another issuer\'s plain claim names', () => {
    expect(callerFromClaims({ sub: 'u3', roles: 'clinic', clinic_id: 'c-9', snils: '11223344595' })).toMatchObject({ roles: ['clinic'], clinicId: 'c-9', snils: '11223344595' });
  });

  it('ignores groups that are not roles of the register, and needs a subject', () => {
    expect(callerFromClaims({ sub: 'u4', 'cognito:groups': '[admins fund_admin]' })!.roles).toEqual(['fund_admin']);
    expect(callerFromClaims({ 'cognito:groups': '[fund_admin]' })).toBeUndefined();
  });

  it('keeps the SNILS out of what is logged or audited about a caller', () => {
    const actor = actorOf(callerFromClaims({ sub: 'u5', 'cognito:groups': '[citizen]', 'custom:snils': '11223344595' })!);
    expect(JSON.stringify(actor)).not.toContain('11223344595');
  });
});
