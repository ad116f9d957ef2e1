import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { verifyPolicy } from '#shared/services/verification.ts';
import { adultApplication, clinic, mfcOperator, viaMfc } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';

/**
 * Every attempt limit against a burst: 50 requests at once, against DynamoDB Local. At most the
 * limit's worth of refusals (or checks) gets through; the rest are 429.
 */
let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const parse = (r: unknown) => applicationRequestSchema.parse(r);
const statusOf = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Problem ? e.status : 500));
const count = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
const userOf = (clinicId: string, n: number): Caller => ({ ...clinic, subject: `${clinicId}-user-${n}`, clinicId });

async function numbered(deps: Awaited<ReturnType<LocalRegister['deps']>>, seed: number) {
  const { body } = await submitApplication(deps, mfcOperator('77', `filer-${seed}`), parse(viaMfc(adultApplication(seed))));
  await assignNumber(deps, body.application.id);
  return { personId: body.application.personId, enp: (await deps.store.getPerson(body.application.personId))!.enp! };
}

describe('attempt limits under a burst', () => {
  it('lets a clinic miss 20 times an hour however many of its users guess at once, and counts by clinic, not by user', async () => {
    const deps = await local.deps();
    const { enp } = await numbered(deps, 1);
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => statusOf(verifyPolicy(deps, userOf('clinic-7', i), { enp: '7851000840000199' }))));
    expect(count(guesses)).toEqual({ 404: 20, 429: 30 });
    // Another user of the same clinic has no fresh allowance, and a real number is refused too while the clinic waits.
    expect(await statusOf(verifyPolicy(deps, userOf('clinic-7', 99), { enp }))).toBe(429);
    expect(await statusOf(verifyPolicy(deps, userOf('clinic-8', 1), { enp }))).toBe(200);
  });

  it('teaches a burst of guesses no more than a sequence: once the misses are used up, nothing is answered', async () => {
    const deps = await local.deps();
    const { enp } = await numbered(deps, 2);
    // Real numbers mixed into guesses: a hit gives its slot back, a miss keeps it, as one at a time.
    const mixed = await Promise.all(Array.from({ length: 50 }, (_, i) => statusOf(verifyPolicy(deps, userOf('clinic-9', i), { enp: i % 5 === 0 ? enp : '7851000840000199' }))));
    expect(count(mixed)[500]).toBeUndefined();
    // Guessing on, one at a time, until refused: 20 misses answered in all, burst and sequence together.
    let misses = count(mixed)[404] ?? 0;
    for (let i = 0; i < 30; i++) {
      const status = await statusOf(verifyPolicy(deps, userOf('clinic-9', 100 + i), { enp: '7851000840000199' }));
      if (status === 429) break;
      misses++;
    }
    expect(misses).toBe(20);
    expect(await statusOf(verifyPolicy(deps, userOf('clinic-9', 99), { enp }))).toBe(429);
  });

  it('lets one person be checked 30 times an hour, whoever asks, however many at once', async () => {
    const deps = await local.deps();
    const { enp } = await numbered(deps, 3);
    const checks = await Promise.all(Array.from({ length: 50 }, (_, i) => statusOf(verifyPolicy(deps, userOf(`clinic-${100 + i}`, 0), { enp }))));
    expect(count(checks)).toEqual({ 200: 30, 429: 20 });
  });

  it('refuses an operator as a duplicate 10 times an hour, however many it sends at once', async () => {
    const deps = await local.deps();
    const operator = mfcOperator('77', 'prober');
    // 50 different people, all already in the register.
    const existing = Array.from({ length: 50 }, (_, i) => parse(viaMfc(adultApplication(1000 + i))));
    for (const [i, request] of existing.entries()) await submitApplication(deps, mfcOperator('77', `owner-${i}`), request);
    const probes = await Promise.all(existing.map((request) => statusOf(submitApplication(deps, operator, request))));
    expect(count(probes)[409]).toBe(10);
    expect(count(probes)[429]).toBe(40);
  });

  it('refuses duplicates about one person 5 times an hour, from however many callers at once', async () => {
    const deps = await local.deps();
    const request = parse(viaMfc(adultApplication(2000)));
    await submitApplication(deps, mfcOperator('77', 'owner'), request);
    const probes = await Promise.all(Array.from({ length: 50 }, (_, i) => statusOf(submitApplication(deps, mfcOperator('77', `caller-${i}`), request))));
    expect(count(probes)).toEqual({ 409: 5, 429: 45 });
  });

  it("answers a caller's true replay of its Idempotency-Key with the first answer, whatever limits were reached since", async () => {
    const deps = await local.deps();
    const operator = mfcOperator('77', 'replayer');
    const request = parse(viaMfc(adultApplication(3000)));
    const first = await submitApplication(deps, operator, request, { idempotencyKey: 'mine-1' });
    // Others exhaust the person's refusals; the operator exhausts its own.
    await Promise.all(Array.from({ length: 6 }, (_, i) => statusOf(submitApplication(deps, mfcOperator('77', `other-${i}`), request))));
    for (let i = 0; i < 10; i++) {
      const someoneElse = parse(viaMfc(adultApplication(3001 + i)));
      await submitApplication(deps, mfcOperator('77', `owner-${i}`), someoneElse);
      expect(await statusOf(submitApplication(deps, operator, someoneElse))).toBe(409);
    }
    expect(await statusOf(submitApplication(deps, operator, parse(viaMfc(adultApplication(3100)))))).toBe(429);
    expect(await statusOf(submitApplication(deps, operator, request, { idempotencyKey: 'another' }))).toBe(429);
    const replay = await submitApplication(deps, operator, request, { idempotencyKey: 'mine-1' });
    expect(replay).toEqual({ body: first.body, replayed: true });
    // The same key with another body is still refused.
    expect(await statusOf(submitApplication(deps, operator, parse(viaMfc(adultApplication(3200))), { idempotencyKey: 'mine-1' }))).toBe(429);
  });
});
