import { relationIn } from '#shared/auth/access.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { fixedClock } from '#shared/clock.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { keys } from '#shared/store/keys.ts';
import { adultApplication, childApplication, citizenFor, mfcOperator, viaMfc } from '../support/applications.ts';
import { RecordingQueue, startLocalRegister, type LocalRegister } from '../support/local-register.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

const parse = (r: unknown) => applicationRequestSchema.parse(r);
const mfc77 = mfcOperator('77');
async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('intake against DynamoDB Local', () => {
  it('stores person, application, temporary policy, history, audit and the account link together', async () => {
    const queue = new RecordingQueue();
    const deps = await local.deps({ queue });
    const { body } = await submitApplication(deps, citizenFor(1), parse(adultApplication(1)));
    const { application, temporaryPolicy } = body;
    expect(await deps.store.getApplication(application.id)).toMatchObject({ status: 'awaiting_number', temporaryPolicyId: temporaryPolicy.id });
    expect(await deps.store.getPerson(application.personId)).toMatchObject({ snils: expect.stringMatching(/^\d{11}$/), insurerId: temporaryPolicy.insurer.id });
    expect((await deps.store.getPersonAndPolicy(application.personId)).policy).toMatchObject({ form: 'В', validTo: temporaryPolicy.validTo });
    const doc = DynamoDBDocumentClient.from(local.client);
    const history = await doc.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': `PERSON#${application.personId}`, ':e': 'EVENT#' } }));
    expect(history.Items).toEqual([expect.objectContaining({ registerCode: 'П010', kind: 'application_submitted', channel: 'portal' })]);
    expect(relationIn(await deps.store.accountLinks('citizen-1'), application.personId)).toBe('self');
    expect(queue.sent).toEqual([application.id]);

    // The system's own step is in the history, not in the audit trail of what callers did.
    await assignNumber(deps, application.id);
    const audit = await deps.store.listAudit(application.personId, 10);
    expect(audit.items.map((a) => [a.action, a.operation, a.actor.subject])).toEqual([['create', 'submitApplication', 'citizen-1']]);
    const after = await doc.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': `PERSON#${application.personId}`, ':e': 'EVENT#' } }));
    expect(after.Items?.map((e) => e.kind).sort()).toEqual(['application_submitted', 'number_assigned']);
  });

  it('finds the same person by SNILS or by document and answers 409 naming the record', async () => {
    const deps = await local.deps();
    const first = await submitApplication(deps, citizenFor(2), parse(adultApplication(2)));
    const existing = { personId: first.body.application.personId, applicationId: first.body.application.id };

    const sameSnils = await problemOf(submitApplication(deps, mfc77, parse(viaMfc({ ...adultApplication(2), documents: [{ type: 14, series: '9999', number: '999999' }] }))));
    expect(sameSnils).toMatchObject({ status: 409, code: 'already-applying', extensions: { existing } });
    expect(sameSnils.errors[0]!.pointer).toBe('/person/snils');

    const sameDocument = await problemOf(submitApplication(deps, mfc77, parse(viaMfc({ ...adultApplication(3), documents: adultApplication(2).documents }))));
    expect(sameDocument).toMatchObject({ status: 409, extensions: { existing } });
    expect(sameDocument.errors[0]!.pointer).toBe('/documents/0');

    // an operator of another region learns that the person exists, not where
    const elsewhere = await problemOf(submitApplication(deps, mfcOperator('50'), parse({ ...viaMfc(adultApplication(2)), region: '50' })));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.extensions.existing).toBeUndefined();

    // the refused applications left nothing behind
    const doc = DynamoDBDocumentClient.from(local.client);
    const other = await doc.send(new QueryCommand({ TableName: deps.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.workDue('NUMBERING', first.body.application.id, 'x').gsi1pk } }));
    expect(other.Items?.filter((i) => i.applicationId !== first.body.application.id)).toEqual([]);
  });

  it('a passport series written with or without its space is the same document', async () => {
    const deps = await local.deps();
    await submitApplication(deps, mfc77, parse(viaMfc({ ...adultApplication(4), documents: [{ type: 14, series: '45 12', number: '777777' }] })));
    const problem = await problemOf(submitApplication(deps, mfc77, parse(viaMfc({ ...adultApplication(5), documents: [{ type: 14, series: '4512', number: '777777' }] }))));
    expect(problem.status).toBe(409);
  });

  it('lets only one of many concurrent applications of the same person through', async () => {
    const deps = await local.deps();
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => submitApplication(deps, mfcOperator('77', `op-${i}`), parse(viaMfc(adultApplication(6))))));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.status);
    // Five refusals about one person an hour tell that it is in the register; the rest wait.
    expect(refused.filter((s) => s === 409)).toHaveLength(5);
    expect(refused.filter((s) => s === 429)).toHaveLength(19);
  });

  it('answers a repeated Idempotency-Key with the first answer, concurrently too, and refuses it for another body', async () => {
    const deps = await local.deps();
    const request = parse(viaMfc(adultApplication(7)));
    const results = await Promise.all(Array.from({ length: 10 }, () => submitApplication(deps, mfc77, request, { idempotencyKey: 'key-7' })));
    expect(new Set(results.map((r) => r.body.application.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);

    const other = await problemOf(submitApplication(deps, mfc77, parse(viaMfc(adultApplication(8))), { idempotencyKey: 'key-7' }));
    expect(other).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    // the same key from another caller is another key
    const elsewhere = await submitApplication(deps, mfcOperator('77', 'another-operator'), parse(viaMfc(adultApplication(8))), { idempotencyKey: 'key-7' });
    expect(elsewhere.replayed).toBe(false);
  });

  it('forgets an Idempotency-Key once its record has expired, even before TTL deletes it', async () => {
    const base = await local.deps({ env: { IDEMPOTENCY_TTL_HOURS: '1' } });
    await submitApplication(base, mfc77, parse(viaMfc(adultApplication(9))), { idempotencyKey: 'key-9' });
    const later = { ...base, clock: fixedClock('2026-11-23T11:00:00Z') };
    const fresh = await submitApplication(later, mfc77, parse(viaMfc(adultApplication(10))), { idempotencyKey: 'key-9' });
    expect(fresh.replayed).toBe(false);
  });

  it('registers a child on a birth certificate with the parent\'s passport', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, mfcOperator('78'), parse(childApplication(1, '2020-03-01')));
    const person = await deps.store.getPerson(body.application.personId);
    expect(person).toMatchObject({ documents: [{ type: 3, series: 'IV-МЮ' }], representative: { relation: 'mother', document: { type: 14 } } });
    expect(person!.snils).toBeUndefined();
    // the parent's passport is not the child's identity: a sibling with the same parent is welcome
    await expect(submitApplication(deps, mfcOperator('78'), parse(childApplication(2, '2022-07-15')))).resolves.toBeDefined();
  });

  it('links a citizen account to its own record once and to each child it files for', async () => {
    const deps = await local.deps();
    const parent = citizenFor(30);
    const child = await submitApplication(deps, parent, parse({ ...childApplication(30, '2021-01-01'), channel: 'portal' }));
    const self = await submitApplication(deps, parent, parse(adultApplication(30)));
    expect(relationIn(await deps.store.accountLinks(parent.subject), child.body.application.personId)).toBe('child');
    expect(relationIn(await deps.store.accountLinks(parent.subject), self.body.application.personId)).toBe('self');
    const again = await problemOf(submitApplication(deps, { ...parent, snils: undefined }, parse(adultApplication(31))));
    expect(again).toMatchObject({ status: 409, code: 'account-has-person', extensions: { existing: { personId: self.body.application.personId } } });
  });

  it('stops a caller who keeps probing for registered people, and probes about one person from many callers', async () => {
    const deps = await local.deps();
    await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(40))));
    const prober = mfcOperator('77', 'prober');
    for (let i = 0; i < 5; i++) expect((await problemOf(submitApplication(deps, prober, parse(viaMfc(adultApplication(40)))))).status).toBe(409);
    // five refusals about this SNILS: the sixth caller asking about it waits
    const sixth = await problemOf(submitApplication(deps, mfcOperator('77', 'sixth'), parse(viaMfc(adultApplication(40)))));
    expect(sixth).toMatchObject({ status: 429, code: 'too-many-attempts' });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);

    for (let i = 0; i < 5; i++) await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(41 + i))));
    for (let i = 0; i < 5; i++) expect((await problemOf(submitApplication(deps, prober, parse(viaMfc(adultApplication(41 + i)))))).status).toBe(409);
    // ten refusals for this caller: it cannot even file a new person now (no oracle left)
    expect((await problemOf(submitApplication(deps, prober, parse(viaMfc(adultApplication(60)))))).status).toBe(429);
    // an hour later it may again
    const later = { ...deps, clock: fixedClock('2026-11-23T10:00:01Z') };
    await expect(submitApplication(later, prober, parse(viaMfc(adultApplication(60))))).resolves.toBeDefined();
  });

  it('keeps the lookup items opaque', async () => {
    const deps = await local.deps();
    const { body } = await submitApplication(deps, mfc77, parse(viaMfc(adultApplication(11))));
    const hasher = await deps.hasher();
    const doc = DynamoDBDocumentClient.from(local.client);
    const snils = (await deps.store.getPerson(body.application.personId))!.snils!;
    const lookup = await doc.send(new GetCommand({ TableName: deps.tableName, Key: keys.snilsLookup(hasher.snils(snils)) }));
    expect(lookup.Item).toMatchObject({ personId: body.application.personId, applicationId: body.application.id });
    expect(JSON.stringify(lookup.Item)).not.toContain(snils);
  });
});
