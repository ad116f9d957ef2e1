import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as getApplication } from '#functions/applications/get-application.ts';
import { handler as getPolicy } from '#functions/persons/get-policy.ts';
import { keys } from '#shared/store/keys.ts';
import { context, httpEvent } from '../../support/events.ts';
import { mockedRegister, responseBody } from '../../support/mocked-register.ts';

const APP = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
const PERSON = '01KAT8D4R0X1Z9E3JH2Q7M5V6C';
let register: Awaited<ReturnType<typeof mockedRegister>>;

describe('reading the register', () => {
  beforeEach(async () => {
    register = await mockedRegister();
    register.ddb.on(GetCommand).resolves({});
  });
  afterEach(() => register.restore());

  it('GET /applications/{id} shows status and deadline', async () => {
    register.ddb.on(GetCommand, { Key: keys.application(APP) }).resolves({
      Item: { ...keys.application(APP), gsi1pk: 'NUMBERING#1', applicationId: APP, personId: PERSON, channel: 'mfc', region: '78', status: 'awaiting_number', submittedAt: 'a', numberDueAt: 'b', requeues: 0 },
    });
    const result = await getApplication(httpEvent({ path: `/applications/${APP}`, pathParameters: { applicationId: APP } }), context);
    expect(result.statusCode).toBe(200);
    expect(responseBody(result)).toEqual({ id: APP, personId: PERSON, channel: 'mfc', region: '78', status: 'awaiting_number', submittedAt: 'a', numberDueAt: 'b' });
  });

  it('answers 404 problems for unknown and malformed ids', async () => {
    const unknown = await getApplication(httpEvent({ path: `/applications/${APP}`, pathParameters: { applicationId: APP } }), context);
    expect(unknown.statusCode).toBe(404);
    expect(responseBody(unknown).code).toBe('not-found');
    const malformed = await getPolicy(httpEvent({ path: '/persons/x/policy', pathParameters: { personId: 'x' } }), context);
    expect(malformed.statusCode).toBe(404);
    expect(register.ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('GET /persons/{id}/policy shows number, status, validity, insurer and region', async () => {
    register.ddb.on(GetCommand, { Key: keys.person(PERSON) }).resolves({ Item: { personId: PERSON, enp: '7851000840000199' } });
    register.ddb.on(QueryCommand).resolves({
      Items: [{ policyId: 'X', personId: PERSON, form: 'В', status: 'active', validFrom: '2026-11-23', validTo: '2027-01-06', insurerId: 'sogaz-med', region: '78' }],
    });
    const result = await getPolicy(httpEvent({ path: `/persons/${PERSON}/policy`, pathParameters: { personId: PERSON } }), context);
    expect(responseBody(result)).toEqual({
      personId: PERSON,
      enp: '7851000840000199',
      form: 'В',
      status: 'active',
      validFrom: '2026-11-23',
      validTo: '2027-01-06',
      insurer: { id: 'sogaz-med', name: expect.stringContaining('СОГАЗ'), phone: expect.any(String) },
      region: { code: '78', name: 'Санкт-Петербург' },
    });
    const query = register.ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({ ScanIndexForward: false, Limit: 1, ExpressionAttributeValues: { ':pk': `PERSON#${PERSON}`, ':prefix': 'POLICY#' } });
  });
});
