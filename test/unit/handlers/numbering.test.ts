import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as assignNumbers } from '#functions/numbering/assign-numbers.ts';
import { handler as requeueStalled } from '#functions/numbering/requeue-stalled-applications.ts';
import { composeEnp } from '#shared/domain/enp.ts';
import { keys } from '#shared/store/keys.ts';
import { context, sqsEvent } from '../../support/events.ts';
import { mockedRegister, overlapping } from '../../support/mocked-register.ts';

const APP = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
const PERSON = '01KAT8D4R0X1Z9E3JH2Q7M5V6C';
const application = { applicationId: APP, personId: PERSON, region: '78', status: 'awaiting_number', numberDueAt: '2026-11-24T20:59:59.999Z', requeues: 0 };
const person = { personId: PERSON, birthDate: '1999-08-09', sex: 'male' };

let register: Awaited<ReturnType<typeof mockedRegister>>;

describe('number assignment consumer', () => {
  beforeEach(async () => {
    register = await mockedRegister();
    register.ddb.on(GetCommand, { Key: keys.application(APP) }).resolves({ Item: application });
    register.ddb.on(GetCommand, { Key: keys.person(PERSON) }).resolves({ Item: person });
    register.ddb.on(UpdateCommand).resolves({ Attributes: { lastSerial: 19 } });
    register.ddb.on(TransactWriteCommand).resolves({});
  });
  afterEach(() => register.restore());

  it('gives the person the ЕНП built from territory, birth date, sex and the next serial', async () => {
    const result = await assignNumbers(sqsEvent([JSON.stringify({ applicationId: APP })]), context);
    expect(result).toEqual({ batchItemFailures: [] });
    const items = register.ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[0]!.Put!.Item!.pk).toBe('ENP#7851000840000199');
    expect(items[0]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Update!.ConditionExpression).toContain('attribute_not_exists(enp)');
    expect(items[2]!.Update!.ConditionExpression).toBe('#status = :waiting');
    expect(composeEnp({ territory: '78', birthDate: '1999-08-09', sex: 'male', serial: 19 })).toBe('7851000840000199');
  });

  it('reports only the malformed message as failed, so the rest of the batch is not retried', async () => {
    const event = sqsEvent([JSON.stringify({ applicationId: APP }), '{"applicationId":"not an id"}', 'not json']);
    const result = await assignNumbers(event, context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }]);
  });

  it('takes the next serial when a number is already taken (an imported one)', async () => {
    register.ddb
      .on(TransactWriteCommand)
      .rejectsOnce(new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }] }))
      .resolves({});
    register.ddb.on(UpdateCommand).resolvesOnce({ Attributes: { lastSerial: 19 } }).resolves({ Attributes: { lastSerial: 20 } });
    expect(await assignNumbers(sqsEvent([JSON.stringify({ applicationId: APP })]), context)).toEqual({ batchItemFailures: [] });
    const calls = register.ddb.commandCalls(TransactWriteCommand);
    expect(calls.map((c) => c.args[0].input.TransactItems![0]!.Put!.Item!.pk)).toEqual(['ENP#7851000840000199', `ENP#${composeEnp({ territory: '78', birthDate: '1999-08-09', sex: 'male', serial: 20 })}`]);
  });

  it('a repeated delivery after the number was given changes nothing', async () => {
    register.ddb.on(GetCommand, { Key: keys.application(APP) }).resolves({ Item: { ...application, status: 'number_assigned' } });
    expect(await assignNumbers(sqsEvent([JSON.stringify({ applicationId: APP })]), context)).toEqual({ batchItemFailures: [] });
    expect(register.ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(register.ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('fails the message (for a retry, then the DLQ) when the register cannot be written', async () => {
    register.ddb.on(TransactWriteCommand).rejects(new Error('throttled'));
    expect(await assignNumbers(sqsEvent([JSON.stringify({ applicationId: APP })]), context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
  });
});

describe('sweeper of stalled applications', () => {
  beforeEach(async () => {
    register = await mockedRegister({ now: '2026-11-23T10:00:00Z' });
    register.ddb.on(QueryCommand).resolves({ Items: [] });
    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':p': 'NUMBERING#3' } }).resolves({ Items: [{ applicationId: APP, requeues: 2 }] });
    register.ddb.on(UpdateCommand).resolves({});
    register.sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }] });
  });
  afterEach(() => register.restore());

  it('reads every shard of the work index up to now (never a Scan) and queues what waits again', async () => {
    const result = await requeueStalled({}, context);
    expect(result).toEqual({ requeued: 1, failed: 0 });
    const queries = register.ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(16);
    for (const q of queries) {
      expect(q.IndexName).toBe('gsi1');
      expect(q.ExpressionAttributeValues![':until']).toBe('2026-11-23T10:00:00.000Z');
    }
    const sent = register.sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries!;
    expect(sent.map((e) => JSON.parse(e.MessageBody!))).toEqual([{ applicationId: APP }]);
  });

  it('pushes the next look back exponentially, capped at an hour', async () => {
    await requeueStalled({}, context);
    const update = register.ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    // third requeue: 5 min * 2^3 = 40 min
    expect(update.ExpressionAttributeValues).toMatchObject({ ':next': '2026-11-23T10:40:00.000Z', ':requeues': 3 });
    expect(update.ConditionExpression).toBe('#status = :waiting');
  });

  it('leaves an application for the next run when it could not be queued', async () => {
    register.sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'x', SenderFault: false }] });
    expect(await requeueStalled({}, context)).toEqual({ requeued: 0, failed: 1 });
    expect(register.ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reads the 16 shards at once: a run with nothing due is one round trip, not sixteen', async () => {
    const { call, seen } = overlapping();
    register.ddb.on(QueryCommand).callsFake(call(() => ({ Items: [] })));
    expect(await requeueStalled({}, context)).toEqual({ requeued: 0, failed: 0 });
    expect(register.ddb.commandCalls(QueryCommand)).toHaveLength(16);
    expect(seen.most).toBe(16);
  });
});
