import { readFileSync } from 'node:fs';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { clinic, mfcOperator } from '../support/applications.ts';

/**
 * A person's policy from the application to its end, over HTTP on the local register, with the
 * register's clock moved by `POST /_local/clock` (the scheduled jobs run on the way, the queues
 * drain): applied on Tuesday 30 December 2025 in Moscow, before the New Year holidays.
 */
let runtime: LocalRuntime;
/** What the functions print (their log lines, as `npm start` shows them): read to check no PIN is ever logged. */
let printed = '';
beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += chunk.toString();
      return true;
    });
  }
  runtime = await startLocalRuntime({ port: 0, now: new Date('2025-12-30T09:00:00+03:00') });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const citizen: Caller = { subject: 'citizen-ivanov', roles: ['citizen'], snils: '11223344595' };
const operator = mfcOperator('77');
const token = (c: Caller) => runtime.issuer.sign({ sub: c.subject, roles: c.roles, region: c.region, clinicId: c.clinicId, snils: c.snils });

async function call(method: string, path: string, as: Caller | undefined, body?: unknown) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { ...(as ? { authorization: `Bearer ${await token(as)}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const travel = (body: { advance?: string; at?: string }) => call('POST', '/_local/clock', undefined, body);

describe('the policy\'s life, with the register\'s clock moved forward', () => {
  it('applies, numbers, converts in the window, verifies, suspends, resumes, terminates', async () => {
    const filed = await call('POST', '/applications', citizen, exampleApplication);
    expect(filed.status).toBe(201);
    const { id: applicationId, personId, numberDueAt } = filed.body.application;
    // 31 December and 1 to 11 January are not working days: the number is due by the end of Monday 12 January.
    expect(numberDueAt).toBe('2026-01-12T20:59:59.999Z');
    expect(filed.body.temporaryPolicy).toMatchObject({ form: 'В', validFrom: '2025-12-30', validTo: '2026-02-12' });

    // The number comes from the queue at once (the clock stands on 30 December).
    let application = (await call('GET', `/applications/${applicationId}`, citizen)).body;
    for (let i = 0; i < 100 && application.status === 'awaiting_number'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      application = (await call('GET', `/applications/${applicationId}`, citizen)).body;
    }
    expect(application).toMatchObject({ status: 'number_assigned', enp: expect.stringMatching(/^77\d{14}$/) });
    expect(application.numberAssignedAt < numberDueAt).toBe(true);
    const enp = application.enp as string;

    // Day 29 after filing: still the temporary policy.
    const day29 = await travel({ advance: 'P29D' });
    expect(day29.status).toBe(200);
    expect(day29.body.ran.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect((await call('GET', `/persons/${personId}/policy`, citizen)).body).toMatchObject({ form: 'В', status: 'active' });

    // Day 30 (29 January): the conversion job gives the e-policy, unlimited for a citizen.
    const day30 = await travel({ advance: 'P1D' });
    expect(day30.body.ran.map((r: { job: string }) => r.job)).toContain('convert-temporary-policies');
    const permanent = (await call('GET', `/persons/${personId}/policy`, citizen)).body;
    expect(permanent).toMatchObject({ enp, form: 'Э', status: 'active', validFrom: '2026-01-29', validTo: null });
    // Inside the window: 1 to 1.5 months after 30 December.
    expect(permanent.validFrom >= '2026-01-29' && permanent.validFrom <= '2026-02-13').toBe(true);
    expect((await call('GET', `/applications/${applicationId}`, citizen)).body).toMatchObject({ status: 'completed' });
    const account = (await call('GET', `/persons/${personId}/account`, citizen)).body;
    expect(account).toMatchObject({ enp, policy: { form: 'Э', status: 'active' }, pin: { shown: false } });
    const pin = await call('POST', `/persons/${personId}/pin/reveal`, citizen);
    expect(pin.body.pin).toMatch(/^\d{6}$/);
    expect((await call('POST', `/persons/${personId}/pin/check`, citizen, { pin: pin.body.pin })).status).toBe(200);
    const wrong = pin.body.pin === '000000' ? '000001' : '000000';
    expect((await call('POST', `/persons/${personId}/pin/check`, citizen, { pin: wrong })).body).toMatchObject({ status: 422, code: 'wrong-pin' });
    // An office issues a new PIN after checking the documents: the old one stops working.
    const { type, series, number } = exampleApplication.documents[0]!;
    expect((await call('POST', `/persons/${personId}/pin`, operator, { document: { type, series, number: '999999' } })).body).toMatchObject({ status: 422, code: 'document-not-matching' });
    const reissued = await call('POST', `/persons/${personId}/pin`, operator, { document: { type, series, number } });
    expect(reissued.status).toBe(201);
    expect(reissued.body.pin).toMatch(/^\d{6}$/);
    if (reissued.body.pin !== pin.body.pin) expect((await call('POST', `/persons/${personId}/pin/check`, citizen, { pin: pin.body.pin })).body).toMatchObject({ code: 'wrong-pin' });
    expect((await call('POST', `/persons/${personId}/pin/check`, citizen, { pin: reissued.body.pin })).status).toBe(200);
    // The functions logged (the flow's lines are there), and never a PIN: not shown, issued, checked or refused.
    expect(printed).toContain('"level":"INFO"');
    for (const secret of [pin.body.pin as string, reissued.body.pin as string, wrong]) expect(printed).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`));

    const verify = async () => (await call('POST', '/verifications', clinic, { enp })).body;
    expect(await verify()).toMatchObject({ form: 'Э', status: 'active' });

    expect((await call('POST', `/persons/${personId}/policy/suspension`, citizen, { reason: 'military_service', endsOn: '2027-01-29' })).status).toBe(200);
    expect(await verify()).toMatchObject({ status: 'suspended' });
    await travel({ advance: 'P10D' });
    expect((await call('DELETE', `/persons/${personId}/policy/suspension`, citizen)).body).toMatchObject({ status: 'active' });
    expect(await verify()).toMatchObject({ status: 'active' });

    expect((await call('POST', `/persons/${personId}/policy/termination`, operator, { reason: 'death' })).body).toMatchObject({ status: 'terminated', termination: { reason: 'death' } });
    expect(await verify()).toMatchObject({ status: 'terminated' });
    expect((await call('DELETE', `/persons/${personId}/policy/suspension`, citizen)).body).toMatchObject({ code: 'policy-terminated' });

    const history = (await call('GET', `/persons/${personId}/history`, citizen)).body.items as { kind: string; code?: string }[];
    expect(history.map((h) => h.code ?? h.kind)).toEqual(['П022', 'R025', 'П025', 'pin_issued', 'П060', 'number_assigned', 'П010']);
  }, 180_000);

  it('a birth, a new SNILS and a change of name arrive on the registry queue: the child appears in the mother\'s account, numbered, with the e-policy', async () => {
    // The examples' acts are registered on 29 December 2025, before the register's clock here.
    const mother: Caller = { subject: 'citizen-petrova', roles: ['citizen'], snils: '34293244776' };
    const filed = await call('POST', '/applications', mother, {
      ...exampleApplication,
      person: { lastName: 'Петрова', firstName: 'Мария', birthDate: '1992-03-08', sex: 'female', snils: '342-932-447 76' },
      documents: [{ type: 14, series: '45 14', number: '765432' }],
    });
    expect(filed.status).toBe(201);
    const motherId = filed.body.application.personId as string;

    // The README's example events, put on the queue as `npm run registry` does.
    const sqs = new SQSClient({ endpoint: runtime.resources.sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const send = (name: string) => sqs.send(new SendMessageCommand({ QueueUrl: runtime.resources.queueUrls['registry-events'], MessageBody: readFileSync(`infra/local/registry-events/${name}.json`, 'utf8') }));
    await send('birth');
    const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
      let value = await read();
      for (let i = 0; i < 150 && !done(value); i++) {
        await new Promise((r) => setTimeout(r, 100));
        value = await read();
      }
      return value;
    };
    const account = await until(
      async () => (await call('GET', `/persons/${motherId}/account`, mother)).body,
      (a) => (a.children ?? []).length > 0,
    );
    const [childId] = account.children as string[];
    const child = await until(
      async () => (await call('GET', `/persons/${childId}/policy`, mother)).body,
      (p) => p.enp !== undefined && p.enp !== null,
    );
    expect(child).toMatchObject({ form: 'Э', status: 'active', validFrom: '2025-12-26', enp: expect.stringMatching(/^77\d{14}$/) });

    await send('snils-assigned');
    await send('name-changed');
    const named = await until(
      async () => (await call('GET', `/persons/${motherId}`, mother)).body,
      (p) => p.lastName === 'Сидорова',
    );
    expect(named.lastName).toBe('Сидорова');
    const childRecord = await until(
      async () => (await call('GET', `/persons/${childId}`, mother)).body,
      (p) => p.snils !== undefined,
    );
    expect(childRecord.snils).toMatch(/^123-?456-?789 ?64$/);
    const fund: Caller = { subject: 'fund-1', roles: ['fund_admin'] };
    expect((await call('GET', '/registry/unmatched', fund)).body).toEqual({ items: [] });
    sqs.destroy();
  }, 120_000);
});
