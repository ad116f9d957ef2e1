import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/applications/submit-application.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { keys } from '#shared/store/keys.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { context, httpEvent } from '../../support/events.ts';
import { mockedRegister, QUEUE_URL, responseBody } from '../../support/mocked-register.ts';

type Mocked = Awaited<ReturnType<typeof mockedRegister>>;
const mfc77: Caller = { subject: 'op-77', roles: ['operator'], region: '77' };
const clinicCaller: Caller = { subject: 'clinic', roles: ['clinic'] };
const insurerCaller: Caller = { subject: 'ins', roles: ['insurer'], insurerId: 'sogaz-med' };
const adminCaller: Caller = { subject: 'admin', roles: ['fund_admin'] };
let register: Mocked;

const citizen: Caller = { subject: 'citizen-ivanov', roles: ['citizen'], snils: '11223344595' };
const submit = (body: unknown, headers: Record<string, string> = {}, caller: Caller | undefined = citizen) =>
  handler(httpEvent({ method: 'POST', path: '/applications', body, headers, caller }), context);

function cancelled(reasons: { Code: string; Item?: Record<string, unknown> }[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map((r) => ({ Code: r.Code, ...(r.Item ? { Item: marshall(r.Item, { removeUndefinedValues: true }) } : {}) })),
  });
}

describe('POST /applications', () => {
  beforeEach(async () => {
    register = await mockedRegister();
    register.ddb.on(TransactWriteCommand).resolves({});
    register.ddb.on(GetCommand).resolves({});
    register.ddb.on(QueryCommand).resolves({ Items: [] });
    register.ddb.on(UpdateCommand).resolves({ Attributes: { attempts: 1 } });
    register.sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }] });
  });
  afterEach(() => register.restore());

  it('files the application and answers 201 with the temporary policy and its leaflet', async () => {
    const result = await submit(exampleApplication);
    expect(result.statusCode).toBe(201);
    const body = responseBody(result);
    expect(body.application).toMatchObject({ status: 'awaiting_number', region: '77', channel: 'portal', submittedAt: '2026-11-23T09:00:00.000Z' });
    // Monday noon in Moscow: due by the end of Tuesday, Moscow time.
    expect(body.application.numberDueAt).toBe('2026-11-24T20:59:59.999Z');
    expect(body.temporaryPolicy).toMatchObject({ form: 'В', status: 'active', validFrom: '2026-11-23', validTo: '2027-01-06', region: '77' });
    expect(body.leaflet.rulesOfUse.join(' ')).toContain('2027-01-06');
    expect(body.leaflet.freeCare.length).toBeGreaterThan(5);
    expect(result.headers.location).toBe(`/applications/${body.application.id}`);
  });

  it('writes person, application, policy, history and lookups in one transaction, guarded, with no identifier in clear', async () => {
    await submit(exampleApplication);
    const calls = register.ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    const items = calls[0]!.args[0].input.TransactItems!.map((i) => i.Put!);
    const pks = items.map((i) => String(i.Item!.pk).split('#')[0]);
    // The account's own person, and the person's own account (a newborn is linked to its mother's through it).
    expect(pks).toEqual(['SNILS', 'DOCUMENT', 'ACCOUNT', 'PERSON', 'PERSON', 'APPLICATION', 'PERSON', 'PERSON', 'PERSON']);
    expect(items.find((i) => i.Item!.sk === 'ACCOUNT')!.Item).toMatchObject({ type: 'account-owner', subject: 'citizen-ivanov' });
    for (const put of items) expect(put.ConditionExpression).toContain('attribute_not_exists(pk)');
    const keys = items.map((i) => `${i.Item!.pk} ${i.Item!.sk}`).join(' ');
    expect(keys).not.toContain('11223344595');
    expect(keys).not.toContain('123456');
    const application = items.find((i) => String(i.Item!.pk).startsWith('APPLICATION#'))!.Item!;
    expect(application.gsi1pk).toMatch(/^NUMBERING#\d+$/);
    expect(application.gsi1sk).toBe('2026-11-23T09:05:00.000Z');
    const event = items.find((i) => String(i.Item!.sk).startsWith('EVENT#'))!.Item!;
    expect(event.registerCode).toBe('П010');
    const audit = items.find((i) => String(i.Item!.sk).startsWith('AUDIT#'))!.Item!;
    expect(audit).toMatchObject({ action: 'create', operation: 'submitApplication', actor: { subject: 'citizen-ivanov', roles: ['citizen'] } });
    // the citizen's account now reaches its own record, once: one link, unique by its key
    expect(items.filter((i) => i.Item!.pk === 'ACCOUNT#citizen-ivanov').map((i) => [i.Item!.sk, i.Item!.personId])).toEqual([['SELF', application.personId]]);
  });

  it('queues number assignment for the new application', async () => {
    const body = responseBody(await submit(exampleApplication));
    const sent = register.sqs.commandCalls(SendMessageBatchCommand);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.args[0].input.QueueUrl).toBe(QUEUE_URL);
    expect(JSON.parse(sent[0]!.args[0].input.Entries![0]!.MessageBody!)).toEqual({ applicationId: body.application.id });
  });

  it('still answers 201 when the queue is down: the sweeper will queue it again', async () => {
    register.sqs.on(SendMessageBatchCommand).rejects(new Error('queue unavailable'));
    expect((await submit(exampleApplication)).statusCode).toBe(201);
  });

  it('uses the configured temporary policy term, and never beyond the right to stay', async () => {
    register.restore();
    register = await mockedRegister({ env: { TEMPORARY_POLICY_DAYS: '31' } });
    register.ddb.on(TransactWriteCommand).resolves({});
    register.ddb.on(GetCommand).resolves({});
    register.sqs.on(SendMessageBatchCommand).resolves({});
    expect(responseBody(await submit(exampleApplication)).temporaryPolicy.validTo).toBe('2026-12-23');
    const temporary = {
      ...exampleApplication,
      channel: 'mfc',
      category: 'foreign_temporary',
      person: { ...exampleApplication.person, snils: undefined },
      documents: [{ type: 9, series: 'AB', number: '7654321' }, { type: 23, number: '55555' }],
      stayUntil: '2026-12-10',
    };
    expect(responseBody(await submit(temporary, {}, mfc77)).temporaryPolicy.validTo).toBe('2026-12-10');
  });

  it('answers 409 naming the existing record when the SNILS is already in the register', async () => {
    register.ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: { pk: 'SNILS#x', sk: 'SNILS', personId: 'P1', applicationId: 'A1' } }, { Code: 'None' }]));
    register.ddb.on(GetCommand, { Key: keys.application('A1') }).resolves({ Item: { applicationId: 'A1', personId: 'P1', region: '77', insurerId: 'sogaz-med', status: 'number_assigned' } });
    const result = await submit({ ...exampleApplication, channel: 'mfc' }, {}, mfc77);
    expect(result.statusCode).toBe(409);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(responseBody(result)).toMatchObject({
      code: 'already-insured',
      existing: { personId: 'P1', applicationId: 'A1' },
      errors: [{ pointer: '/person/snils', code: 'snils-registered' }],
    });
  });

  it('answers 409 already-applying when the same document belongs to an application in progress', async () => {
    register.ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { personId: 'P2', applicationId: 'A2' } }]));
    register.ddb.on(GetCommand, { Key: keys.application('A2') }).resolves({ Item: { applicationId: 'A2', personId: 'P2', region: '77', insurerId: 'x', status: 'awaiting_number' } });
    const body = responseBody(await submit({ ...exampleApplication, channel: 'mfc' }, {}, mfc77));
    expect(body).toMatchObject({ status: 409, code: 'already-applying', errors: [{ pointer: '/documents/0' }] });
  });

  it('names the existing record only to a caller who may see it, and counts the refusal', async () => {
    register.ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: { personId: 'P3', applicationId: 'A3' } }]));
    register.ddb.on(GetCommand, { Key: keys.application('A3') }).resolves({ Item: { applicationId: 'A3', personId: 'P3', region: '50', insurerId: 'x', status: 'number_assigned' } });
    const stranger = responseBody(await submit(exampleApplication));
    expect(stranger).toMatchObject({ status: 409, code: 'already-insured' });
    expect(stranger.existing).toBeUndefined();
    // The caller's attempt was taken before the outcome and kept as a refusal; the person's counted.
    const counted = register.ddb.commandCalls(UpdateCommand).map((c) => `${String(c.args[0].input.Key!.pk).split('#')[1]} ${c.args[0].input.UpdateExpression}`);
    expect(counted.sort()).toEqual([
      expect.stringMatching(/^duplicate-caller ADD attempts :one SET/),
      'duplicate-caller ADD refused :one',
      expect.stringMatching(/^duplicate-person ADD attempts :one, refused :one SET/),
    ]);

    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'ACCOUNT#citizen-ivanov' } }).resolves({ Items: [{ ...keys.accountSelf('citizen-ivanov'), personId: 'P3' }] });
    expect(responseBody(await submit(exampleApplication)).existing).toEqual({ personId: 'P3', applicationId: 'A3' });
  });

  it('refuses with 429 and Retry-After a caller refused as a duplicate too often', async () => {
    // The caller's counter is full: the conditional add fails.
    register.ddb
      .on(UpdateCommand)
      .callsFake((input: { Key: { pk: string } }) => {
        if (input.Key.pk.startsWith('ATTEMPTS#duplicate-caller#')) throw new ConditionalCheckFailedException({ message: 'full', $metadata: {} });
        return {};
      });
    const result = await submit(exampleApplication);
    expect(result.statusCode).toBe(429);
    expect(Number(result.headers['retry-after'])).toBeGreaterThan(0);
    expect(responseBody(result).code).toBe('too-many-attempts');
    expect(register.ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('returns the first answer to a repeat with the same Idempotency-Key, rebuilt from the records, not stored', async () => {
    const first = await submit(exampleApplication, { 'idempotency-key': 'k-1' });
    const written = register.ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!.map((t) => t.Put!.Item!);
    const remembered = written.find((i) => i.type === 'idempotency')!;
    // The key's record holds a fingerprint and ids: far under 1 KB, whatever the answer's size.
    expect(Object.keys(remembered).sort()).toEqual(['applicationId', 'expiresAt', 'fingerprint', 'personId', 'pk', 'policyId', 'sk', 'type']);
    expect(JSON.stringify(remembered).length).toBeLessThan(400);
    for (const item of written.filter((i) => i.type === 'application' || i.type === 'policy')) {
      register.ddb.on(GetCommand, { Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }).resolves({ Item: item });
    }
    register.ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: remembered }, { Code: 'ConditionalCheckFailed' }]));
    const result = await submit(exampleApplication, { 'idempotency-key': 'k-1' });
    expect(result.statusCode).toBe(201);
    expect(result.body).toBe(first.body);
    expect(result.headers['idempotent-replayed']).toBe('true');
    expect(register.sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for another body', async () => {
    register.ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: { fingerprint: 'other', applicationId: 'A', personId: 'P', policyId: 'T' } }]));
    const result = await submit(exampleApplication, { 'idempotency-key': 'k-1' });
    expect(result.statusCode).toBe(422);
    expect(responseBody(result).code).toBe('idempotency-key-reused');
  });

  it('rejects an invalid Idempotency-Key', async () => {
    expect(responseBody(await submit(exampleApplication, { 'idempotency-key': 'ключ' })).code).toBe('invalid-idempotency-key');
  });

  it('names every failing field of a malformed application', async () => {
    const result = await submit({ ...exampleApplication, person: { ...exampleApplication.person, lastName: '', snils: '112-233-445 96' }, extra: 1 });
    expect(result.statusCode).toBe(422);
    const body = responseBody(result);
    expect(body.code).toBe('validation-failed');
    expect(body.errors).toEqual([
      expect.objectContaining({ pointer: '/person/lastName', code: 'invalid' }),
      { pointer: '/extra', code: 'unknown-field', detail: expect.any(String) },
    ]);
    const missing = responseBody(await submit({ channel: 'portal' }));
    expect(missing.errors).toContainEqual({ pointer: '/person', code: 'required', detail: 'This field is required.' });
    const checksum = responseBody(await submit({ ...exampleApplication, person: { ...exampleApplication.person, snils: '112-233-445 96' } }));
    expect(checksum.errors).toEqual([expect.objectContaining({ pointer: '/person/snils', code: 'snils-checksum' })]);
    expect(register.ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses an ineligible person with the reason', async () => {
    const family = {
      ...exampleApplication,
      category: 'highly_qualified_specialist_family',
      person: { ...exampleApplication.person, snils: undefined },
      documents: [{ type: 9, number: '1234567' }],
      stayUntil: '2027-06-01',
    };
    const body = responseBody(await submit(family));
    expect(body).toMatchObject({ status: 422, code: 'not-eligible', errors: [{ pointer: '/category', code: 'category-excluded' }] });
  });

  it('rejects a birth date in the future and an insurer from another region', async () => {
    const body = responseBody(await submit({ ...exampleApplication, insurerId: 'no-such', person: { ...exampleApplication.person, birthDate: '2030-01-01' } }));
    expect(body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['birth-date-in-future', 'insurer-not-in-region']);
  });

  it('answers 400 to malformed JSON, 415 to another media type and 413 to an oversized body', async () => {
    expect(responseBody(await submit('{"channel":')).code).toBe('malformed-json');
    const text = await handler(httpEvent({ method: 'POST', path: '/applications', body: 'x', headers: { 'content-type': 'text/plain' }, caller: citizen }), context);
    expect(text.statusCode).toBe(415);
    const big = await submit({ ...exampleApplication, person: { ...exampleApplication.person, birthPlace: 'x'.repeat(70_000) } });
    expect(big.statusCode).toBe(413);
  });

  it('answers 401 without a caller and 403 to roles that do not file applications', async () => {
    expect((await submit(exampleApplication, {}, null as unknown as undefined)).statusCode).toBe(401);
    for (const caller of [clinicCaller, insurerCaller, adminCaller]) {
      const result = await submit(exampleApplication, {}, caller);
      expect(result.statusCode, caller.subject).toBe(403);
      expect(responseBody(result).code).toBe('forbidden');
    }
  });

  it('takes the channel and scope from the caller', async () => {
    const wrongChannel = responseBody(await submit({ ...exampleApplication, channel: 'mfc' }));
    expect(wrongChannel).toMatchObject({ status: 403, code: 'out-of-scope', errors: [{ pointer: '/channel' }] });
    const otherRegion = responseBody(await submit({ ...exampleApplication, channel: 'mfc' }, {}, { ...mfc77, region: '78' }));
    expect(otherRegion).toMatchObject({ status: 403, errors: [{ pointer: '/region' }] });
    const notMe = responseBody(await submit(exampleApplication, {}, { ...citizen, snils: '34293244776' }));
    expect(notMe).toMatchObject({ status: 403, errors: [{ pointer: '/person/snils' }] });
    const office = { subject: 'op-sogaz', roles: ['operator'], insurerId: 'sogaz-med' } as Caller;
    const filed = responseBody(await submit({ ...exampleApplication, channel: 'insurer' }, {}, office));
    expect(filed.temporaryPolicy.insurer.id).toBe('sogaz-med');
    const otherInsurer = responseBody(await submit({ ...exampleApplication, channel: 'insurer', insurerId: 'kapital-ms' }, {}, office));
    expect(otherInsurer).toMatchObject({ status: 403, errors: [{ pointer: '/insurerId' }] });
  });

  it('hides internal failures behind a 500 problem', async () => {
    register.ddb.on(TransactWriteCommand).rejects(new Error('socket hang up at 10.0.0.1'));
    const result = await submit(exampleApplication);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('socket');
    expect(responseBody(result)).toMatchObject({ code: 'internal-error', type: 'urn:oms-register:problem:internal-error' });
  });
});
