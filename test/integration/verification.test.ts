import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema } from '#shared/schemas/application.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { verifyPolicy } from '#shared/services/verification.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { adultApplication, clinic, mfcOperator, viaMfc } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const parse = (r: unknown) => applicationRequestSchema.parse(r);
const clinicNo = (n: number): Caller => ({ ...clinic, subject: `clinic-${n}`, clinicId: `clinic-${n}` });
async function statusOf(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    () => 200,
    (e: unknown) => (e instanceof Problem ? e.status : 500),
  );
}

describe('clinic verification against DynamoDB Local', () => {
  it('finds a policy by the number on the barcode or by the passport shown, and tells no more than care needs', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, mfcOperator('77'), parse(viaMfc(adultApplication(1))));
    // before the number: the temporary policy, by passport (series written either way)
    const temporary = await verifyPolicy(deps, clinic, { document: { type: 14, series: '45 12', number: adultApplication(1).documents[0]!.number } });
    expect(temporary).toMatchObject({ enp: null, form: 'В', status: 'active', validTo: body.temporaryPolicy.validTo, region: { code: '77' } });
    await assignNumber(deps, body.application.id);
    const enp = (await deps.store.getPerson(body.application.personId))!.enp!;
    const byNumber = await verifyPolicy(deps, clinic, { enp });
    expect(Object.keys(byNumber).sort()).toEqual(['enp', 'form', 'insurer', 'region', 'status', 'validFrom', 'validTo']);
    expect(byNumber.enp).toBe(enp);
    const audit = await deps.store.listAudit(body.application.personId, 10);
    expect(audit.items.filter((a) => a.operation === 'verifyPolicy').map((a) => a.actor.clinicId)).toEqual(['clinic-1', 'clinic-1']);
  });

  it('stops a clinic guessing numbers after 20 misses an hour', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, mfcOperator('77'), parse(viaMfc(adultApplication(2))));
    await assignNumber(deps, body.application.id);
    const enp = (await deps.store.getPerson(body.application.personId))!.enp!;
    const guesser = clinicNo(7);
    for (let i = 0; i < 20; i++) expect(await statusOf(verifyPolicy(deps, guesser, { enp: '7851000840000199' }))).toBe(404);
    expect(await statusOf(verifyPolicy(deps, guesser, { enp }))).toBe(429);
    expect(await statusOf(verifyPolicy(deps, clinicNo(8), { enp }))).toBe(200);
  });

  it('stops checks of one person beyond 30 an hour, whoever asks', async () => {
    const deps = await local.deps();
    await submitApplication(deps, mfcOperator('77'), parse(viaMfc(adultApplication(3))));
    const doc = { document: adultApplication(3).documents[0]! };
    for (let i = 0; i < 30; i++) expect(await statusOf(verifyPolicy(deps, clinicNo(i), doc))).toBe(200);
    expect(await statusOf(verifyPolicy(deps, clinicNo(99), doc))).toBe(429);
  });
});
