import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { fixedClock } from '#shared/clock.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema } from '#shared/schemas/application.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { keys } from '#shared/store/keys.ts';
import { adultApplication, childApplication } from '../support/applications.ts';
import { RecordingQueue, startLocalRegister, type LocalRegister } from '../support/local-register.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const parse = (r: unknown) => applicationRequestSchema.parse(r);
async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('intake against DynamoDB Local', () => {
  it('stores person, application, temporary policy and the П010 history line together', async () => {
    const queue = new RecordingQueue();
    const deps = await local.deps({ queue });
    const { body } = await submitApplication(deps, parse(adultApplication(1)), { callerScope: 'portal' });
    const { application, temporaryPolicy } = body;
    expect(await deps.store.getApplication(application.id)).toMatchObject({ status: 'awaiting_number', temporaryPolicyId: temporaryPolicy.id });
    expect(await deps.store.getPerson(application.personId)).toMatchObject({ snils: expect.stringMatching(/^\d{11}$/), insurerId: temporaryPolicy.insurer.id });
    expect(await deps.store.getCurrentPolicy(application.personId)).toMatchObject({ form: 'В', validTo: temporaryPolicy.validTo });
    const doc = DynamoDBDocumentClient.from(local.client);
    const history = await doc.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': `PERSON#${application.personId}`, ':e': 'EVENT#' } }));
    expect(history.Items).toEqual([expect.objectContaining({ registerCode: 'П010', kind: 'application_submitted', channel: 'portal' })]);
    expect(queue.sent).toEqual([application.id]);
  });

  it('finds the same person by SNILS or by document and answers 409 naming the record', async () => {
    const deps = await local.deps();
    const first = await submitApplication(deps, parse(adultApplication(2)), { callerScope: 'portal' });
    const existing = { personId: first.body.application.personId, applicationId: first.body.application.id };

    const sameSnils = await problemOf(submitApplication(deps, parse({ ...adultApplication(2), documents: [{ type: 14, series: '9999', number: '999999' }] }), { callerScope: 'mfc' }));
    expect(sameSnils).toMatchObject({ status: 409, code: 'already-applying', extensions: { existing } });
    expect(sameSnils.errors[0]!.pointer).toBe('/person/snils');

    const sameDocument = await problemOf(submitApplication(deps, parse({ ...adultApplication(3), documents: adultApplication(2).documents }), { callerScope: 'mfc' }));
    expect(sameDocument).toMatchObject({ status: 409, extensions: { existing } });
    expect(sameDocument.errors[0]!.pointer).toBe('/documents/0');

    // the refused applications left nothing behind
    const doc = DynamoDBDocumentClient.from(local.client);
    const other = await doc.send(new QueryCommand({ TableName: deps.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.workDue('NUMBERING', first.body.application.id, 'x').gsi1pk } }));
    expect(other.Items?.filter((i) => i.applicationId !== first.body.application.id)).toEqual([]);
  });

  it('a passport series written with or without its space is the same document', async () => {
    const deps = await local.deps();
    await submitApplication(deps, parse({ ...adultApplication(4), documents: [{ type: 14, series: '45 12', number: '777777' }] }), { callerScope: 'portal' });
    const problem = await problemOf(submitApplication(deps, parse({ ...adultApplication(5), documents: [{ type: 14, series: '4512', number: '777777' }] }), { callerScope: 'portal' }));
    expect(problem.status).toBe(409);
  });

  it('lets only one of many concurrent applications of the same person through', async () => {
    const deps = await local.deps();
    const attempts = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => submitApplication(deps, parse({ ...adultApplication(6), channel: i % 2 ? 'mfc' : 'portal' }), { callerScope: 'x' })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts.filter((a) => a.status === 'rejected')) expect((a as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
  });

  it('answers a repeated Idempotency-Key with the first answer, concurrently too, and refuses it for another body', async () => {
    const deps = await local.deps();
    const request = parse(adultApplication(7));
    const results = await Promise.all(Array.from({ length: 10 }, () => submitApplication(deps, request, { idempotencyKey: 'key-7', callerScope: 'portal' })));
    const ids = new Set(results.map((r) => r.body.application.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);

    const other = await problemOf(submitApplication(deps, parse(adultApplication(8)), { idempotencyKey: 'key-7', callerScope: 'portal' }));
    expect(other).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    // the same key from another caller is another key
    const elsewhere = await submitApplication(deps, parse(adultApplication(8)), { idempotencyKey: 'key-7', callerScope: 'mfc' });
    expect(elsewhere.replayed).toBe(false);
  });

  it('forgets an Idempotency-Key once its record has expired, even before TTL deletes it', async () => {
    const base = await local.deps({ env: { IDEMPOTENCY_TTL_HOURS: '1' } });
    await submitApplication(base, parse(adultApplication(9)), { idempotencyKey: 'key-9', callerScope: 'portal' });
    const later = { ...base, clock: fixedClock('2026-11-23T11:00:00Z') };
    const fresh = await submitApplication(later, parse(adultApplication(10)), { idempotencyKey: 'key-9', callerScope: 'portal' });
    expect(fresh.replayed).toBe(false);
  });

  it('registers a child on a birth certificate with the parent\'s passport', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, parse(childApplication(1, '2020-03-01')), { callerScope: 'mfc' });
    const person = await deps.store.getPerson(body.application.personId);
    expect(person).toMatchObject({ documents: [{ type: 3, series: 'IV-МЮ' }], representative: { relation: 'mother', document: { type: 14 } } });
    expect(person!.snils).toBeUndefined();
    // the parent's passport is not the child's identity: a sibling with the same parent is welcome
    await expect(submitApplication(deps, parse(childApplication(2, '2022-07-15')), { callerScope: 'mfc' })).resolves.toBeDefined();
  });

  it('keeps the lookup items opaque', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, parse(adultApplication(11)), { callerScope: 'portal' });
    const hasher = await deps.hasher();
    const doc = DynamoDBDocumentClient.from(local.client);
    const snils = (await deps.store.getPerson(body.application.personId))!.snils!;
    const lookup = await doc.send(new GetCommand({ TableName: deps.tableName, Key: keys.snilsLookup(hasher.snils(snils)) }));
    expect(lookup.Item).toMatchObject({ personId: body.application.personId, applicationId: body.application.id });
    expect(JSON.stringify(lookup.Item)).not.toContain(snils);
  });
});
