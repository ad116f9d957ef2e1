import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as getApplication } from '#functions/applications/get-application.ts';
import { handler as getAudit } from '#functions/persons/get-audit.ts';
import { handler as getPerson } from '#functions/persons/get-person.ts';
import { handler as getPolicy } from '#functions/persons/get-policy.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { LookupHasher } from '#shared/privacy/lookup-hasher.ts';
import { encodeCursor } from '#shared/services/page-cursor.ts';
import { keys } from '#shared/store/keys.ts';
import { fundAdmin, insurer, mfcOperator } from '../../support/applications.ts';
import { context, httpEvent } from '../../support/events.ts';
import { mockedRegister, overlapping, responseBody } from '../../support/mocked-register.ts';

const APP = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
const PERSON = '01KAT8D4R0X1Z9E3JH2Q7M5V6C';
const citizen: Caller = { subject: 'citizen-1', roles: ['citizen'] };
const person = {
  ...keys.person(PERSON),
  personId: PERSON,
  lastName: 'Иванов',
  firstName: 'Иван',
  birthDate: '1990-05-14',
  sex: 'male',
  snils: '11223344595',
  documents: [{ type: 14, series: '4512', number: '123456' }],
  category: 'citizen',
  region: '78',
  insurerId: 'sogaz-med',
  enp: '7851000840000199',
  coverageEnd: null,
};
let register: Awaited<ReturnType<typeof mockedRegister>>;

/** citizen-1's account is this person's own. */
const ownAccount = () =>
  register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'ACCOUNT#citizen-1' } }).resolves({ Items: [{ ...keys.accountSelf('citizen-1'), personId: PERSON }] });

const personEvent = (path: string, caller: Caller) => httpEvent({ path, pathParameters: { personId: PERSON }, caller });

describe('reading the register', () => {
  beforeEach(async () => {
    register = await mockedRegister();
    register.ddb.on(GetCommand).resolves({});
    register.ddb.on(GetCommand, { Key: keys.person(PERSON) }).resolves({ Item: person });
    register.ddb.on(PutCommand).resolves({});
    register.ddb.on(QueryCommand).resolves({ Items: [] });
    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `PERSON#${PERSON}`, ':from': 'PERSON' } }).resolves({ Items: [person] });
  });
  afterEach(() => register.restore());

  it('GET /applications/{id} shows status and deadline, and records who read it', async () => {
    register.ddb.on(GetCommand, { Key: keys.application(APP) }).resolves({
      Item: { ...keys.application(APP), gsi1pk: 'NUMBERING#1', applicationId: APP, personId: PERSON, channel: 'mfc', region: '78', insurerId: 'sogaz-med', status: 'awaiting_number', submittedAt: 'a', numberDueAt: 'b', requeues: 0 },
    });
    const result = await getApplication(httpEvent({ path: `/applications/${APP}`, pathParameters: { applicationId: APP }, caller: mfcOperator('78') }), context);
    expect(result.statusCode).toBe(200);
    expect(responseBody(result)).toEqual({ id: APP, personId: PERSON, channel: 'mfc', region: '78', status: 'awaiting_number', submittedAt: 'a', numberDueAt: 'b' });
    const audit = register.ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(audit).toMatchObject({ pk: `PERSON#${PERSON}`, action: 'read', operation: 'getApplication', actor: { subject: 'operator-mfc-78', roles: ['operator'], region: '78' } });
  });

  it('answers 404, never 403, for records outside the caller\'s scope, for unknown and for malformed ids', async () => {
    for (const caller of [citizen, mfcOperator('77'), insurer('reso-med')]) {
      const result = await getPolicy(personEvent(`/persons/${PERSON}/policy`, caller), context);
      expect(result.statusCode, caller.subject).toBe(404);
    }
    const unknown = await getApplication(httpEvent({ path: `/applications/${APP}`, pathParameters: { applicationId: APP }, caller: fundAdmin }), context);
    expect(responseBody(unknown).code).toBe('not-found');
    const malformed = await getPolicy(httpEvent({ path: '/persons/x/policy', pathParameters: { personId: 'x' }, caller: fundAdmin }), context);
    expect(malformed.statusCode).toBe(404);
    expect(register.ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('GET /persons/{id}/policy shows number, status, validity, insurer and region', async () => {
    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `PERSON#${PERSON}`, ':from': 'PERSON' } }).resolves({
      Items: [{ ...keys.policy(PERSON, 'X'), policyId: 'X', personId: PERSON, form: 'В', status: 'active', validFrom: '2026-11-23', validTo: '2027-01-06', insurerId: 'sogaz-med', region: '78' }, person],
    });
    const result = await getPolicy(personEvent(`/persons/${PERSON}/policy`, insurer('sogaz-med')), context);
    expect(responseBody(result)).toEqual({
      personId: PERSON,
      enp: '7851000840000199',
      form: 'В',
      status: 'active',
      validFrom: '2026-11-23',
      validTo: '2027-01-06',
      insurer: { id: 'sogaz-med', name: expect.stringContaining('СОГАЗ'), ogrn: expect.stringMatching(/^\d{13}$/), phone: expect.any(String), site: expect.any(String), address: expect.any(String) },
      region: { code: '78', name: 'Санкт-Петербург' },
    });
    const query = register.ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    // The person and the newest policy in one read.
    expect(register.ddb.commandCalls(GetCommand)).toHaveLength(0);
    expect(query).toMatchObject({ ScanIndexForward: false, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': `PERSON#${PERSON}`, ':from': 'PERSON', ':to': 'POLICY$' } });
  });

  it('GET /persons/{id} shows each field only to the roles that need it', async () => {
    ownAccount();
    const own = responseBody(await getPerson(personEvent(`/persons/${PERSON}`, citizen), context));
    expect(own).toMatchObject({ lastName: 'Иванов', snils: '11223344595', documents: [{ type: 14 }], enp: '7851000840000199' });
    const operator = responseBody(await getPerson(personEvent(`/persons/${PERSON}`, mfcOperator('78')), context));
    expect(operator.snils).toBe('11223344595');
    const theirInsurer = responseBody(await getPerson(personEvent(`/persons/${PERSON}`, insurer('sogaz-med')), context));
    expect(theirInsurer).toMatchObject({ lastName: 'Иванов', birthDate: '1990-05-14', enp: '7851000840000199' });
    expect(theirInsurer.snils).toBeUndefined();
    expect(theirInsurer.documents).toBeUndefined();
    const admin = responseBody(await getPerson(personEvent(`/persons/${PERSON}`, fundAdmin), context));
    expect(Object.keys(admin).sort()).toEqual(['category', 'coverageEnd', 'enp', 'insurerId', 'personId', 'region']);
    // the person's own reads are not audited; everyone else's are
    expect(register.ddb.commandCalls(PutCommand).map((c) => (c.args[0].input.Item as { actor: { subject: string } }).actor.subject)).toEqual([
      'operator-mfc-78',
      'insurer-sogaz-med',
      'fund-admin',
    ]);
  });

  it('GET /persons/{id}/audit lists who read or changed the record, newest first, in pages', async () => {
    ownAccount();
    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':prefix': 'AUDIT#' } }).resolves({
      Items: [{ ...keys.audit(PERSON, '2026-11-23T10:00:00.000Z', APP), auditId: APP, personId: PERSON, at: '2026-11-23T10:00:00.000Z', action: 'read', operation: 'getPerson', actor: { subject: 'insurer-sogaz-med', roles: ['insurer'], insurerId: 'sogaz-med' } }],
      LastEvaluatedKey: keys.audit(PERSON, '2026-11-23T10:00:00.000Z', APP),
    });
    const result = await getAudit(personEvent(`/persons/${PERSON}/audit`, citizen), context);
    const page = responseBody(result);
    expect(page.items).toEqual([{ at: '2026-11-23T10:00:00.000Z', action: 'read', operation: 'getPerson', actor: { subject: 'insurer-sogaz-med', roles: ['insurer'], insurerId: 'sogaz-med' } }]);
    // The cursor is opaque and URL-safe: no '#', and nothing of the table's key even once decoded.
    expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);
    const decodedBytes = Buffer.from(page.next, 'base64url').toString('latin1');
    for (const part of ['AUDIT', PERSON, APP, '2026-11-23', '"after"']) expect(decodedBytes).not.toContain(part);
    const auditQueries = () => register.ddb.commandCalls(QueryCommand).map((c) => c.args[0].input).filter((q) => q.ExpressionAttributeValues?.[':prefix'] === 'AUDIT#');
    expect(auditQueries()[0]).toMatchObject({ ScanIndexForward: false, Limit: 50 });

    // The next page continues after the last entry; a tampered cursor, or another person's, is a 400.
    const pageEvent = (cursor: string, personId = PERSON) =>
      httpEvent({ path: `/persons/${personId}/audit`, pathParameters: { personId }, queryStringParameters: { cursor }, caller: citizen });
    await getAudit(pageEvent(page.next), context);
    expect(auditQueries()[1]!.ExclusiveStartKey).toEqual(keys.audit(PERSON, '2026-11-23T10:00:00.000Z', APP));
    // A cursor changed in any byte, made with another key (at another valid position of this very list), or the old
    // readable format is refused: only the register makes cursors.
    const flipped = (at: number) => {
      const bytes = Buffer.from(page.next, 'base64url');
      bytes[at]! ^= 1;
      return bytes.toString('base64url');
    };
    const forged = encodeCursor(new LookupHasher('another-key-of-at-least-32-characters'), `audit:${PERSON}`, keys.audit(PERSON, '2026-11-23T09:59:59.000Z', APP).sk);
    const readable = Buffer.from(JSON.stringify({ v: 1, list: `audit:${PERSON}`, after: 'AUDIT#2026', seal: 'z' })).toString('base64url');
    for (const tampered of [`${page.next}x`, page.next.slice(1), 'AUDIT#2026', forged, readable, flipped(0), flipped(5), flipped(20), flipped(Buffer.from(page.next, 'base64url').length - 1)]) {
      expect(responseBody(await getAudit(pageEvent(tampered), context)), tampered).toMatchObject({ status: 400, code: 'invalid-cursor' });
    }
    const bad = await getAudit(httpEvent({ path: `/persons/${PERSON}/audit`, pathParameters: { personId: PERSON }, queryStringParameters: { limit: '500' }, caller: citizen }), context);
    expect(responseBody(bad)).toMatchObject({ status: 422, errors: [{ pointer: '/limit' }] });
  });

  it('answers no read whose audit entry was not written: the answer waits for it', async () => {
    register.ddb.on(GetCommand, { Key: keys.application(APP) }).resolves({
      Item: { ...keys.application(APP), applicationId: APP, personId: PERSON, channel: 'mfc', region: '78', insurerId: 'sogaz-med', status: 'awaiting_number', submittedAt: 'a', numberDueAt: 'b', requeues: 0 },
    });
    register.ddb.on(PutCommand).rejects(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    const reads = [
      getPerson(personEvent(`/persons/${PERSON}`, mfcOperator('78')), context),
      getPolicy(personEvent(`/persons/${PERSON}/policy`, mfcOperator('78')), context),
      getAudit(personEvent(`/persons/${PERSON}/audit`, fundAdmin), context),
      getApplication(httpEvent({ path: `/applications/${APP}`, pathParameters: { applicationId: APP }, caller: mfcOperator('78') }), context),
    ];
    for (const result of await Promise.all(reads)) {
      expect(result.statusCode).toBe(500);
      expect(responseBody(result).code).toBe('internal-error');
      for (const personal of [person.lastName, person.snils, person.enp]) expect(result.body).not.toContain(personal);
    }
    expect(register.ddb.commandCalls(PutCommand)).toHaveLength(reads.length);
  });

  it('reads an audit page while its own audit entry is written, not after', async () => {
    const { call, seen } = overlapping();
    register.ddb.on(QueryCommand, { ExpressionAttributeValues: { ':prefix': 'AUDIT#' } }).callsFake(call(() => ({ Items: [] })));
    register.ddb.on(PutCommand).callsFake(call(() => ({})));
    const result = await getAudit(personEvent(`/persons/${PERSON}/audit`, fundAdmin), context);
    expect(result.statusCode).toBe(200);
    expect(register.ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(seen.most).toBe(2);
  });
});
