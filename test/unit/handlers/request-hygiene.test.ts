import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as submitHandler } from '#functions/applications/submit-application.ts';
import { handler as verifyHandler } from '#functions/verifications/verify-policy.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { context, httpEvent } from '../../support/events.ts';
import { mockedRegister, responseBody } from '../../support/mocked-register.ts';

/**
 * What the register accepts as text and as a body: one spelling per letter, nothing invisible,
 * names in the script of their documents, document fields that cannot run into each other, JSON
 * that means one thing, in UTF-8 only.
 */
let register: Awaited<ReturnType<typeof mockedRegister>>;
const citizen: Caller = { subject: 'citizen-ivanov', roles: ['citizen'], snils: '11223344595' };
const mfc77: Caller = { subject: 'op-77', roles: ['operator'], region: '77' };
const clinic: Caller = { subject: 'clinic-1', roles: ['clinic'], clinicId: 'clinic-1' };

const submit = (body: unknown, headers: Record<string, string> = {}, caller: Caller = citizen) =>
  submitHandler(httpEvent({ method: 'POST', path: '/applications', body, headers, caller }), context);
const withPerson = (person: Record<string, unknown>) => ({ ...exampleApplication, person: { ...exampleApplication.person, ...person } });
const errorsOf = async (result: Promise<{ body?: string }>) => responseBody(await result).errors as { pointer: string; code: string }[];

/** The person item the one transaction wrote. */
function writtenPerson() {
  const items = register.ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
  return items.map((i) => i.Put?.Item).find((i) => i?.type === 'person')!;
}

beforeEach(async () => {
  register = await mockedRegister();
  register.ddb.on(TransactWriteCommand).resolves({});
  register.ddb.on(GetCommand).resolves({});
  register.ddb.on(UpdateCommand).resolves({});
  register.sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: '' }] });
});
afterEach(() => register.restore());

describe('text in requests', () => {
  it('takes a decomposed letter as the letter itself, and stores it composed (NFC)', async () => {
    const decomposed = 'Дмитрии\u0306'; // и + combining breve: «й» typed on some keyboards
    const result = await submit(withPerson({ firstName: decomposed, lastName: 'Ё'.normalize('NFD') + 'лкин' }));
    expect(result.statusCode).toBe(201);
    expect(writtenPerson()).toMatchObject({ firstName: 'Дмитрий', lastName: 'Ёлкин' });
  });

  it('refuses invisible and undefined characters anywhere, naming the field', async () => {
    for (const [field, value] of [
      ['lastName', 'Ива\u0000нов'],
      ['lastName', 'Иванов\u202E'],
      ['firstName', 'Ив\u200Bан'],
      ['middleName', 'Иван\uD800ович'],
      ['birthPlace', 'Москва\u2028'],
      ['birthPlace', 'Москва\uE000'],
      ['birthPlace', 'Москва\u0378'],
    ] as const) {
      const errors = await errorsOf(submit(withPerson({ [field]: value })));
      expect(errors, JSON.stringify(value)).toEqual([expect.objectContaining({ pointer: `/person/${field}`, code: 'invalid-characters' })]);
    }
    const inDocument = await errorsOf(submit({ ...exampleApplication, documents: [{ type: 14, series: '45\u200B12', number: '123456' }] }));
    expect(inDocument).toEqual([expect.objectContaining({ pointer: '/documents/0/series', code: 'invalid-characters' })]);
    expect(register.ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('writes a name in the script of its documents, and never mixes scripts', async () => {
    // «Ivanоv» with a Cyrillic «о»: a look-alike.
    expect(await errorsOf(submit(withPerson({ lastName: 'Ivanоv', firstName: 'Ivan', middleName: undefined }), {}, mfc77)))
      .toContainEqual(expect.objectContaining({ pointer: '/person/lastName', code: 'name-mixed-script' }));
    // A Russian passport writes names in Cyrillic.
    expect(await errorsOf(submit(withPerson({ lastName: 'Ivanov', firstName: 'Ivan', middleName: undefined }))))
      .toEqual([expect.objectContaining({ pointer: '/person/lastName', code: 'name-script' }), expect.objectContaining({ pointer: '/person/firstName', code: 'name-script' })]);
    // One name in one script: not a Cyrillic surname with a Latin first name.
    expect(await errorsOf(submit({ ...foreigner, person: { ...foreigner.person, firstName: 'Джон' } }, {}, mfc77)))
      .toEqual([expect.objectContaining({ pointer: '/person/firstName', code: 'name-mixed-script' })]);
    // Letters of other scripts are not names of the register.
    expect(await errorsOf(submit({ ...foreigner, person: { ...foreigner.person, lastName: 'Σμιθ' } }, {}, mfc77)))
      .toEqual([expect.objectContaining({ pointer: '/person/lastName', code: 'name-script' })]);
  });

  it('takes a foreigner\'s name in Latin letters, as on the passport', async () => {
    const result = await submit(foreigner, {}, mfc77);
    expect(result.statusCode, result.body).toBe(201);
    expect(writtenPerson()).toMatchObject({ lastName: "O'Brien-Smith", firstName: 'John' });
  });
});

const foreigner = {
  channel: 'mfc',
  region: '77',
  category: 'foreign_permanent',
  person: { lastName: "O'Brien-Smith", firstName: 'John', birthDate: '1985-03-02', sex: 'male' },
  documents: [
    { type: 9, series: 'GB', number: '533380006' },
    { type: 11, series: '82', number: '1234567' },
  ],
};

describe('document fields', () => {
  it('keep to letters, digits, spaces and hyphens where the classifier leaves them free, so two documents never read as one', async () => {
    const card = (series: string, number: string) => ({ ...exampleApplication, documents: [{ type: 13, series, number }] });
    expect(await errorsOf(submit(card('AB|411', '298')))).toContainEqual(expect.objectContaining({ pointer: '/documents/0/series', code: 'document-series-format' }));
    expect(await errorsOf(submit(card('AB', '411|298')))).toContainEqual(expect.objectContaining({ pointer: '/documents/0/number', code: 'document-number-format' }));
    const verify = await verifyHandler(httpEvent({ method: 'POST', path: '/verifications', body: { document: { type: 13, series: 'AB', number: '411|298' } }, caller: clinic }), context);
    expect(responseBody(verify)).toMatchObject({ status: 422 });
  });
});

describe('JSON bodies', () => {
  it('refuses a key given twice (400, naming where), instead of reading the last one', async () => {
    const body = JSON.stringify(exampleApplication).replace('"channel":"portal"', '"channel":"portal","channel":"mfc"').replace('"lastName":"Иванов"', '"lastName":"Иванов","lastName":"Петров"');
    const result = await submit(body);
    expect(result.statusCode).toBe(400);
    expect(responseBody(result)).toMatchObject({ code: 'duplicate-key', errors: [{ pointer: '/channel' }, { pointer: '/person/lastName' }] });
  });

  it('refuses nesting deeper than any request needs, at once, however valid the JSON', async () => {
    for (const depth of [33, 9000, 30_000]) {
      const body = JSON.stringify({ ...exampleApplication, category: 'x' }).replace('"x"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
      const result = await submit(body);
      expect({ depth, status: result.statusCode, code: responseBody(result).code }).toEqual({ depth, status: 400, code: 'too-deeply-nested' });
    }
    // Brackets inside strings are text, not nesting.
    expect((await submit(withPerson({ birthPlace: '['.repeat(100) }))).statusCode).toBe(201);
  });

  it('refuses a body declared in another charset than UTF-8, and bytes that are not UTF-8', async () => {
    for (const type of ['application/json; charset=utf-16', 'application/json;charset="ISO-8859-1"', 'application/json; charset=windows-1251']) {
      const result = await submit(exampleApplication, { 'content-type': type });
      expect({ type, status: result.statusCode, code: responseBody(result).code }).toEqual({ type, status: 400, code: 'unsupported-charset' });
    }
    for (const type of ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf8"']) {
      expect((await submit(exampleApplication, { 'content-type': type })).statusCode, type).toBe(201);
      register.ddb.resetHistory();
    }
    const cp1251 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc8, 0xe2, 0xe0, 0xed, 0x22, 0x7d]); // {"a":"Иван"} in windows-1251
    const event = { ...httpEvent({ method: 'POST', path: '/applications', caller: citizen, headers: { 'content-type': 'application/json' } }), body: cp1251.toString('base64'), isBase64Encoded: true };
    expect(responseBody(await submitHandler(event, context))).toMatchObject({ status: 400, code: 'invalid-encoding' });
  });

  it('names a missing field `required`, whatever its type', async () => {
    const { sex: _sex, ...person } = exampleApplication.person;
    const errors = await errorsOf(submit({ ...exampleApplication, person, documents: undefined, region: undefined }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/person/sex', code: 'required', detail: 'This field is required.' },
        { pointer: '/documents', code: 'required', detail: 'This field is required.' },
        { pointer: '/region', code: 'required', detail: 'This field is required.' },
      ]),
    );
    expect(await errorsOf(submit(withPerson({ sex: 'other' })))).toEqual([expect.objectContaining({ pointer: '/person/sex', code: 'invalid' })]);
  });
});
