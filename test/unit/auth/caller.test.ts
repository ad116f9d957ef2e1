import { describe, expect, it } from 'vitest';
import { actorOf, callerFromClaims, type Caller } from '#shared/auth/caller.ts';

const callerOf = (...args: Parameters<typeof callerFromClaims>): Caller => {
  const reading = callerFromClaims(...args);
  if (!('caller' in reading)) throw new Error('no caller');
  return reading.caller;
};

describe('reading the caller from JWT claims', () => {
  it('reads Cognito groups as API Gateway hands them over ("[a b]") and as arrays', () => {
    expect(callerOf({ sub: 'u1', 'cognito:groups': '[operator citizen]', 'custom:region': '77' })).toEqual({
      subject: 'u1',
      roles: ['operator', 'citizen'],
      region: '77',
      insurerId: undefined,
      clinicId: undefined,
      snils: undefined,
    });
    expect(callerOf({ sub: 'u2', 'cognito:groups': ['insurer'], 'custom:insurer_id': 'sogaz-med' })).toMatchObject({ roles: ['insurer'], insurerId: 'sogaz-med' });
  });

  it('takes roles and scopes only from the claims the issuer controls', () => {
    // A user-editable `roles` or `region` beside the pool's own groups changes nothing.
    const caller = callerOf({ sub: 'u3', 'cognito:groups': '[citizen]', roles: '[fund_admin]', region: '77', insurer_id: 'x', clinic_id: 'c', snils: '1' });
    expect(caller).toEqual({ subject: 'u3', roles: ['citizen'], region: undefined, insurerId: undefined, clinicId: undefined, snils: undefined });
  });

  it("reads another issuer's claims by the names configured for it, and only those", () => {
    const names = { roles: 'groups', clinicId: 'clinic', snils: 'snils' };
    expect(callerOf({ sub: 'u3', groups: 'clinic', clinic: 'c-9', snils: '11223344595', 'cognito:groups': '[fund_admin]' }, names)).toMatchObject({
      roles: ['clinic'],
      clinicId: 'c-9',
      snils: '11223344595',
    });
  });

  it('ignores groups that are not roles of the register, and needs a subject', () => {
    expect(callerOf({ sub: 'u4', 'cognito:groups': '[admins fund_admin]' }).roles).toEqual(['fund_admin']);
    expect(callerFromClaims({ 'cognito:groups': '[fund_admin]' })).toEqual({ problem: 'no-subject' });
  });

  it('keeps the SNILS out of what is logged or audited about a caller', () => {
    const actor = actorOf(callerOf({ sub: 'u5', 'cognito:groups': '[citizen]', 'custom:snils': '11223344595' }));
    expect(JSON.stringify(actor)).not.toContain('11223344595');
  });
});
