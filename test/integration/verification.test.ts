import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { verifyPolicy } from '#shared/services/verification.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { shownPolicy, signedPayloadOf } from '#shared/services/barcodes/shown-policy.ts';
import { adultApplication, clinic, mfcOperator, viaMfc } from '../support/applications.ts';
import { legacyPayload } from '../support/legacy-payload.ts';
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
    expect(Object.keys(byNumber).sort()).toEqual(['careToday', 'enp', 'form', 'insurer', 'region', 'state', 'status', 'validFrom', 'validTo']);
    expect(byNumber).toMatchObject({ state: 'temporary', careToday: true });
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

  describe('by the scanned barcode', () => {
    async function numbered(seed: number) {
      const deps = await local.deps();
      const { body } = await submitApplication(deps, mfcOperator('77'), parse(viaMfc(adultApplication(seed))));
      await assignNumber(deps, body.application.id);
      const shown = await shownPolicy(deps, mfcOperator('77'), body.application.personId, 'test');
      return { deps, shown, bytes: (await signedPayloadOf(deps, shown)).bytes };
    }
    const codeOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (e: unknown) => (e instanceof Problem ? `${e.status} ${e.errors[0]?.code ?? e.code}` : String(e)));

    it("reads the register's own barcode in hex or base64, checks its signature and says whether care is given today", async () => {
      const { deps, shown, bytes } = await numbered(10);
      for (const barcode of [Buffer.from(bytes).toString('hex'), Buffer.from(bytes).toString('base64'), Buffer.from(bytes).toString('hex').replace(/(..)/g, '$1 ')]) {
        const checked = await verifyPolicy(deps, clinic, { barcode });
        expect(checked).toMatchObject({ enp: shown.person.enp, form: 'В', state: 'temporary', careToday: true, barcode: { structure: 2, signedBy: 'register', kid: 1 } });
      }
    });

    it('refuses the barcode with any one of its 130 bytes altered, each a miss of the clinic', async () => {
      const { deps, bytes } = await numbered(11);
      const outcomes: string[] = [];
      for (let at = 0; at < bytes.length; at++) {
        const altered = Uint8Array.from(bytes);
        altered[at]! ^= at % 2 === 0 ? 0x01 : 0xff;
        // Twenty misses an hour a clinic: each alteration comes from a clinic of its own.
        outcomes.push(await codeOf(verifyPolicy(deps, clinicNo(1000 + at), { barcode: Buffer.from(altered).toString('base64') })));
      }
      // Every one refused as altered, whichever byte: the signature is checked before the fields are read.
      expect(new Set(outcomes)).toEqual(new Set(['422 barcode-tampered']));
      // The clinics' misses are theirs: the untouched barcode still verifies.
      expect((await verifyPolicy(deps, clinicNo(1066), { barcode: Buffer.from(bytes).toString('hex') })).barcode?.signedBy).toBe('register');
    });

    it("reads an old paper policy (type 01, the fund's signature) and takes it only when its name, sex and birth date are the register's", async () => {
      const { deps, shown } = await numbered(12);
      const paper = { enp: shown.person.enp, lastName: shown.person.lastName.toUpperCase(), firstName: shown.person.firstName.toUpperCase(), middleName: shown.person.middleName?.toUpperCase(), sex: shown.person.sex, birthDate: shown.person.birthDate, validTo: null, ogrn: '1027739008440', okato: '45000' };
      const checked = await verifyPolicy(deps, clinic, { barcode: Buffer.from(legacyPayload(paper)).toString('hex') });
      expect(checked).toMatchObject({ enp: shown.person.enp, careToday: true, barcode: { structure: 1, signedBy: 'other' } });
      expect(checked.barcode).not.toHaveProperty('kid');
      expect(await codeOf(verifyPolicy(deps, clinicNo(2), { barcode: Buffer.from(legacyPayload({ ...paper, firstName: 'ПЁТР' })).toString('hex') }))).toBe('422 barcode-not-matching');
      // Both checks compared the person's record: both are in the person's audit trail.
      const audited = (await deps.store.listAudit(shown.person.personId, 10)).items.filter((a) => a.operation === 'verifyPolicy');
      expect(audited.map((a) => a.actor.clinicId).sort()).toEqual(['clinic-1', 'clinic-2']);
    });

    it('refuses a mistyped ЕНП and a body naming no one way to check as mistakes to correct', async () => {
      const { deps } = await numbered(14);
      const { verificationRequestSchema } = await import('#shared/schemas/verification-request.ts');
      const typo = verificationRequestSchema.safeParse({ enp: '7851000840000198' });
      expect(typo.success).toBe(false);
      expect(typo.error?.issues[0]?.message).toContain('check digit');
      const neither = verificationRequestSchema.safeParse({ barcode: 12345 });
      expect(neither.error?.issues[0]?.message).toContain('exactly one of enp');
      expect(await codeOf(verifyPolicy(deps, clinicNo(4), { enp: '7851000840000199' }))).toBe('404 policy-not-found');
    });

    it('refuses what is not a barcode as a mistake to correct, not counted', async () => {
      const { deps } = await numbered(13);
      for (const [barcode, code] of [['00'.repeat(129), 'wrong-length'], ['%%'.repeat(130), 'bad-encoding'], ['07' + '00'.repeat(129), 'unknown-structure']] as const) {
        expect(await codeOf(verifyPolicy(deps, clinicNo(3), { barcode }))).toBe(`422 ${code}`);
      }
      for (let i = 0; i < 25; i++) await codeOf(verifyPolicy(deps, clinicNo(3), { barcode: '00'.repeat(129) }));
      expect(await codeOf(verifyPolicy(deps, clinicNo(3), { enp: '7851000840000199' }))).toBe('404 policy-not-found');
    });
  });
});
