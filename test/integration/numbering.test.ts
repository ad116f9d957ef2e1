import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { decodeEnp, isValidEnp } from '#shared/domain/enp.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { requeueStalledApplications } from '#shared/services/stalled-applications.ts';
import { adultApplication, mfcOperator, viaMfc } from '../support/applications.ts';

const mfc77 = mfcOperator('77');
import { RecordingQueue, startLocalRegister, type LocalRegister } from '../support/local-register.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const parse = (r: unknown) => applicationRequestSchema.parse(r);

describe('number assignment against DynamoDB Local', () => {
  it('gives distinct, valid numbers to many people of the same birth date, sex and region at once', async () => {
    const deps = await local.deps();
    const filed = await Promise.all(Array.from({ length: 40 }, (_, i) => submitApplication(deps, mfcOperator('77', `op-${i}`), parse(viaMfc(adultApplication(100 + i))))));
    const ids = filed.map((f) => f.body.application.id);
    expect(await Promise.all(ids.map((id) => assignNumber(deps, id)))).toEqual(ids.map(() => 'assigned'));

    const apps = await Promise.all(ids.map((id) => deps.store.getApplication(id)));
    const numbers = apps.map((a) => a!.enp!);
    expect(new Set(numbers).size).toBe(40);
    for (const n of numbers) {
      expect(isValidEnp(n)).toBe(true);
      expect(decodeEnp(n)).toMatchObject({ territory: '77', birthDate: '1990-05-14', sex: 'male' });
    }
    expect(numbers.map((n) => decodeEnp(n)!.serial).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const a of apps) {
      expect(a).toMatchObject({ status: 'number_assigned', numberAssignedAt: '2026-11-23T09:00:00.000Z' });
      expect((await deps.store.getPerson(a!.personId))!.enp).toBe(a!.enp);
    }
  });

  it('gives one number however often and however concurrently the same application is delivered', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(200))));
    const results = await Promise.all(Array.from({ length: 10 }, () => assignNumber(deps, body.application.id)));
    expect(results.filter((r) => r === 'assigned')).toHaveLength(1);
    const person = await deps.store.getPerson(body.application.personId);
    const application = await deps.store.getApplication(body.application.id);
    expect(application!.enp).toBe(person!.enp);
    expect(await assignNumber(deps, body.application.id)).toBe('already-done');
    expect((await deps.store.getPerson(body.application.personId))!.enp).toBe(person!.enp);
  });

  it('never reuses a serial, even one burnt by a failed attempt', async () => {
    const deps = await local.deps();
    const prefix = '7754900835';
    const first = await deps.store.nextEnpSerial(prefix);
    const second = await deps.store.nextEnpSerial(prefix);
    expect(second).toBe(first + 1);
    const { body } = await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(300))));
    await assignNumber(deps, body.application.id);
    expect(decodeEnp((await deps.store.getApplication(body.application.id))!.enp!)!.serial).toBe(second + 1);
  });

  it('answers unknown-application for a message about nothing', async () => {
    const deps = await local.deps();
    expect(await assignNumber(deps, '01KAT8D4R0X1Z9E3JH2Q7M5V6B')).toBe('unknown-application');
  });
});

describe('sweeper against DynamoDB Local', () => {
  it('finds an application whose queue message was lost, and only once it is stale', async () => {
    const queue = new RecordingQueue();
    queue.down = true;
    const deps = await local.deps({ queue });
    const { body } = await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(400))));
    expect(queue.sent).toEqual([]);
    queue.down = false;

    expect(await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-23T09:04:00Z') })).toEqual({ requeued: 0, failed: 0 });
    expect(await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-23T09:06:00Z') })).toEqual({ requeued: 1, failed: 0 });
    expect(queue.sent).toEqual([body.application.id]);
    // pushed back: not again two minutes later, but again after the backoff
    expect(await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-23T09:08:00Z') })).toEqual({ requeued: 0, failed: 0 });
    expect(await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-23T09:17:00Z') })).toEqual({ requeued: 1, failed: 0 });
    expect((await deps.store.getApplication(body.application.id))!.requeues).toBe(2);

    await assignNumber(deps, body.application.id);
    expect(await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-24T09:00:00Z') })).toEqual({ requeued: 0, failed: 0 });
  });

  it('reaches applications in every shard', async () => {
    const queue = new RecordingQueue();
    queue.down = true;
    const deps = await local.deps({ queue });
    const filed = await Promise.all(Array.from({ length: 48 }, (_, i) => submitApplication(deps, mfcOperator('77', `op-${i}`), parse(viaMfc(adultApplication(500 + i))))));
    queue.down = false;
    const result = await requeueStalledApplications({ ...deps, clock: fixedClock('2026-11-23T10:00:00Z') });
    expect(result.requeued).toBe(48);
    expect(new Set(queue.sent)).toEqual(new Set(filed.map((f) => f.body.application.id)));
  });
});
