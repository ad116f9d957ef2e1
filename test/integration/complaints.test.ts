import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#shared/clock.ts';
import { Problem } from '#shared/domain/problem.ts';
import { applicationRequestSchema, type ApplicationRequest } from '#shared/schemas/application-request.ts';
import type { ComplaintRequest } from '#shared/schemas/complaints/complaint-requests.ts';
import { personHistory } from '#shared/services/account/account.ts';
import { changeComplaint } from '#shared/services/complaints/change-complaint.ts';
import { complaintCounts, openComplaints, personComplaints } from '#shared/services/complaints/complaint-lists.ts';
import { fileComplaint } from '#shared/services/complaints/file-complaint.ts';
import { flagOverdueComplaints } from '#shared/services/complaints/overdue.ts';
import type { Dependencies } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';
import { keys } from '#shared/store/keys.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';
import { assignNumber } from '#shared/services/numbering.ts';
import { adultApplication, citizenFor, fundAdmin, insurer, mfcOperator } from '../support/applications.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { refusal } from '../support/problems.ts';

let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
});
afterAll(() => local?.stop());

async function register(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  const deps = await local.deps({ clock });
  return { deps, at: (instant: string) => void (now = new Date(instant).getTime()) };
}

/** Filed by the citizen on the portal (their account links to the record) with a chosen insurer, and numbered. */
async function person(deps: Dependencies, seed: number, insurerId: string, overrides: Partial<ApplicationRequest> = {}) {
  const { body } = await submitApplication(deps, citizenFor(seed), applicationRequestSchema.parse({ ...adultApplication(seed, overrides), channel: 'portal', insurerId }));
  await assignNumber(deps, body.application.id);
  return body.application.personId;
}

const SECRET_TEXT = 'В поликлинике 770101 отказали в записи к терапевту, сославшись на отсутствие полиса.';
const request = (overrides: Partial<ComplaintRequest> = {}): ComplaintRequest => ({ kind: 'no_appointment', clinicCode: '770101', incidentOn: '2026-11-20', text: SECRET_TEXT, ...overrides });

describe('filing a complaint', () => {
  it('routes it to the person\'s current insurer with a due date, writes R071 without its text, and answers a retry with the first filing', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const personId = await person(deps, 1, 'kapital-ms');
    const citizen = citizenFor(1);
    const filed = await fileComplaint(deps, citizen, personId, request(), 'key-1');
    expect(filed).toMatchObject({
      replayed: false,
      body: { personId, insurerId: 'kapital-ms', region: '77', status: 'received', receivedAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-12-23T09:00:00.000Z', overdue: false, text: SECRET_TEXT, version: 1 },
    });
    // The same key again: nothing more filed, the first answer.
    const again = await fileComplaint(deps, citizen, personId, request(), 'key-1');
    expect(again).toEqual({ replayed: true, body: filed.body });
    const twenty = await Promise.all(Array.from({ length: 20 }, () => fileComplaint(deps, citizen, personId, request({ kind: 'charged_for_free_care' }), 'key-2')));
    expect(new Set(twenty.map((t) => t.body.complaintId)).size).toBe(1);
    expect(twenty.filter((t) => !t.replayed)).toHaveLength(1);
    expect(await refusal(fileComplaint(deps, citizen, personId, request({ kind: 'other' }), 'key-1'))).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    const mine = await personComplaints(deps, citizen, personId, {});
    expect(mine.items.map((c) => c.complaintId)).toEqual([twenty[0]!.body.complaintId, filed.body.complaintId]);
    // The history says a complaint was filed and where it went, never what it says.
    const history = await personHistory(deps, citizen, personId, {});
    const entries = history.items.filter((e) => e.kind === 'complaint_filed');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ code: 'R071', complaintId: filed.body.complaintId, changes: { complaintStatus: { from: null, to: 'received' }, insurer: { to: 'kapital-ms' } } });
    expect(JSON.stringify(history)).not.toContain('поликлинике');
    expect(await complaintCounts(deps)).toEqual({ items: [{ insurerId: 'kapital-ms', region: '77', open: 2, overdue: 0 }] });
  });

  it('refuses a future incident, a clinic outside the region\'s catalogue, someone else\'s person and a terminated policy', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const personId = await person(deps, 2, 'sogaz-med');
    const citizen = citizenFor(2);
    expect(await refusal(fileComplaint(deps, citizen, personId, request({ incidentOn: '2026-11-24' }), 'k'))).toEqual({ status: 422, code: 'validation-failed', pointer: '/incidentOn', field: 'in-future' });
    expect(await refusal(fileComplaint(deps, citizen, personId, request({ clinicCode: '780101' }), 'k'))).toEqual({ status: 422, code: 'validation-failed', pointer: '/clinicCode', field: 'unknown-clinic' });
    expect(await refusal(fileComplaint(deps, citizen, personId, request({ clinicCode: '779999' }), 'k'))).toMatchObject({ status: 422, field: 'unknown-clinic' });
    expect(await refusal(fileComplaint(deps, citizenFor(3), personId, request(), 'k'))).toEqual({ status: 404, code: 'not-found' });
    expect(await refusal(fileComplaint(deps, mfcOperator('78'), personId, request(), 'k'))).toEqual({ status: 404, code: 'not-found' });
    // An MFC of the region files on the person's behalf.
    expect((await fileComplaint(deps, mfcOperator('77'), personId, request(), 'office-1')).body).toMatchObject({ insurerId: 'sogaz-med', status: 'received' });
    await changePolicy(deps, mfcOperator('77'), personId, { kind: 'terminate', reason: 'death' }, 'terminatePolicy');
    expect(await refusal(fileComplaint(deps, mfcOperator('77'), personId, request(), 'office-2'))).toEqual({ status: 409, code: 'policy-terminated' });
  });
});

describe("the insurer's complaints", () => {
  it('lists only its own open ones, oldest first, a page at a time; closed ones leave the list', async () => {
    const { deps, at } = await register('2026-11-23T09:00:00Z');
    const a = await person(deps, 10, 'sogaz-med');
    const b = await person(deps, 11, 'kapital-ms');
    const c = await person(deps, 12, 'sogaz-med');
    const ids: string[] = [];
    for (const [i, [who, seed]] of ([[c, 12], [b, 11], [a, 10], [c, 12]] as const).entries()) {
      at(`2026-11-23T1${i}:00:00Z`);
      ids.push((await fileComplaint(deps, citizenFor(seed), who, request(), `k${i}`)).body.complaintId);
    }
    const sogaz = insurer('sogaz-med');
    const first = await openComplaints(deps, sogaz, { limit: 2 });
    expect(first.items.map((x) => x.complaintId)).toEqual([ids[0], ids[2]]);
    const second = await openComplaints(deps, sogaz, { limit: 2, cursor: first.next! });
    expect(second.items.map((x) => x.complaintId)).toEqual([ids[3]]);
    expect(second.items[0]).toMatchObject({ text: SECRET_TEXT, personId: c });
    expect((await openComplaints(deps, insurer('kapital-ms'), {})).items.map((x) => x.complaintId)).toEqual([ids[1]]);
    // Another insurer cannot touch it, and a cursor of another list is refused.
    expect(await refusal(changeComplaint(deps, insurer('kapital-ms'), c, ids[0]!, { status: 'in_progress' }))).toEqual({ status: 404, code: 'not-found' });
    expect(await refusal(openComplaints(deps, insurer('kapital-ms'), { cursor: first.next! }))).toMatchObject({ status: 400, code: 'invalid-cursor' });

    at('2026-11-24T09:00:00Z');
    expect(await changeComplaint(deps, sogaz, c, ids[0]!, { status: 'in_progress' })).toMatchObject({ status: 'in_progress', takenAt: '2026-11-24T09:00:00.000Z', version: 2 });
    expect(await refusal(changeComplaint(deps, sogaz, c, ids[0]!, { status: 'in_progress' }))).toEqual({ status: 409, code: 'complaint-in-progress', complaintStatus: 'in_progress' });
    expect((await openComplaints(deps, sogaz, {})).items.map((x) => [x.complaintId, x.status])).toEqual([[ids[0], 'in_progress'], [ids[2], 'received'], [ids[3], 'received']]);
    const answered = await changeComplaint(deps, sogaz, c, ids[0]!, { status: 'answered', answer: 'Вас записали на 1 декабря.' });
    expect(answered).toMatchObject({ status: 'answered', answer: { text: 'Вас записали на 1 декабря.', at: '2026-11-24T09:00:00.000Z' }, closedAt: '2026-11-24T09:00:00.000Z' });
    await changeComplaint(deps, sogaz, a, ids[2]!, { status: 'forwarded', forwardedTo: 'roszdravnadzor', answer: 'Передано в Росздравнадзор.' });
    expect((await openComplaints(deps, sogaz, {})).items.map((x) => x.complaintId)).toEqual([ids[3]]);
    // The person sees the answer; the history says it closed, and where it was forwarded, never the text.
    const seen = await personComplaints(deps, citizenFor(12), c, {});
    expect(seen.items.find((x) => x.complaintId === ids[0])).toMatchObject({ status: 'answered', answer: { text: 'Вас записали на 1 декабря.' } });
    const history = await personHistory(deps, citizenFor(10), a, {});
    expect(history.items[0]).toMatchObject({ kind: 'complaint_closed', code: 'R072', complaintId: ids[2], reason: 'roszdravnadzor', changes: { complaintStatus: { from: 'received', to: 'forwarded' } } });
    expect(JSON.stringify(history)).not.toContain('Передано');
    // The insurer reads a person's complaints routed to it only; the fund all of them.
    expect((await personComplaints(deps, insurer('sogaz-med'), c, {})).items).toHaveLength(2);
    expect(await refusal(personComplaints(deps, insurer('kapital-ms'), c, {}))).toEqual({ status: 404, code: 'not-found' });
    expect((await personComplaints(deps, fundAdmin, b, {})).items).toHaveLength(1);
    expect(await complaintCounts(deps)).toEqual({
      items: [
        { insurerId: 'kapital-ms', region: '77', open: 1, overdue: 0 },
        { insurerId: 'sogaz-med', region: '77', open: 1, overdue: 0 },
      ],
    });
  });

  it('applies one of 20 racing answers; the others get 409', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const p = await person(deps, 20, 'sogaz-med');
    const { body } = await fileComplaint(deps, citizenFor(20), p, request(), 'k');
    const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => changeComplaint(deps, insurer('sogaz-med'), p, body.complaintId, { status: 'answered', answer: `Ответ ${i}` })));
    const won = answers.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = answers.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Problem).code);
    expect(lost).toEqual(Array(19).fill('complaint-closed'));
    const [stored] = (await personComplaints(deps, citizenFor(20), p, {})).items;
    expect(stored!.answer!.text).toBe((won[0] as PromiseFulfilledResult<{ answer: { text: string } }>).value.answer.text);
    expect((await personHistory(deps, citizenFor(20), p, {})).items.filter((e) => e.kind === 'complaint_closed')).toHaveLength(1);
    expect(await complaintCounts(deps)).toEqual({ items: [{ insurerId: 'sogaz-med', region: '77', open: 0, overdue: 0 }] });
  });
});

describe('the overdue job', () => {
  it('flags each complaint past due once, even run twice at once, and the fund sees the counts per insurer', async () => {
    const { deps, at } = await register('2026-11-01T09:00:00Z');
    const p1 = await person(deps, 30, 'sogaz-med');
    const p2 = await person(deps, 31, 'kapital-ms');
    const early = await fileComplaint(deps, citizenFor(30), p1, request({ incidentOn: '2026-10-30' }), 'a');
    const other = await fileComplaint(deps, citizenFor(31), p2, request({ incidentOn: '2026-10-30' }), 'b');
    at('2026-11-10T09:00:00Z');
    const later = await fileComplaint(deps, citizenFor(30), p1, request({ incidentOn: '2026-11-09' }), 'c');
    // Nothing due a minute before the first is due.
    at('2026-12-01T08:59:00Z');
    expect(await flagOverdueComplaints(deps)).toEqual({ flagged: 0, skipped: 0 });
    at('2026-12-01T10:00:00Z');
    const runs = await Promise.all([flagOverdueComplaints(deps), flagOverdueComplaints(deps)]);
    expect(runs.reduce((n, r) => n + r.flagged, 0)).toBe(2);
    expect(await flagOverdueComplaints(deps)).toEqual({ flagged: 0, skipped: 0 });
    const history = await personHistory(deps, citizenFor(30), p1, {});
    const flags = history.items.filter((e) => e.kind === 'complaint_overdue');
    expect(flags).toEqual([expect.objectContaining({ code: 'R073', complaintId: early.body.complaintId, channel: 'system' })]);
    expect(await complaintCounts(deps)).toEqual({
      items: [
        { insurerId: 'kapital-ms', region: '77', open: 1, overdue: 1 },
        { insurerId: 'sogaz-med', region: '77', open: 2, overdue: 1 },
      ],
    });
    const listed = (await personComplaints(deps, citizenFor(30), p1, {})).items;
    expect(listed.map((c) => [c.complaintId, c.overdue])).toEqual([
      [later.body.complaintId, false],
      [early.body.complaintId, true],
    ]);
    // Answering a flagged one takes it off both counts; the later one falls due in its turn.
    await changeComplaint(deps, insurer('kapital-ms'), p2, other.body.complaintId, { status: 'answered', answer: 'Ответ' });
    at('2026-12-10T09:00:00Z');
    expect(await flagOverdueComplaints(deps)).toEqual({ flagged: 1, skipped: 0 });
    expect(await complaintCounts(deps)).toEqual({
      items: [
        { insurerId: 'kapital-ms', region: '77', open: 0, overdue: 0 },
        { insurerId: 'sogaz-med', region: '77', open: 2, overdue: 2 },
      ],
    });
  });

  it('an answer racing the flag is decided again on the flagged complaint: the counts stay exact', async () => {
    const { deps, at } = await register('2026-11-01T09:00:00Z');
    const p = await person(deps, 40, 'sogaz-med');
    const filed = await Promise.all(Array.from({ length: 10 }, (_, i) => fileComplaint(deps, citizenFor(40), p, request({ incidentOn: '2026-10-30' }), `k${i}`)));
    at('2026-12-02T09:00:00Z');
    await Promise.all([
      flagOverdueComplaints(deps),
      ...filed.map((f) => changeComplaint(deps, insurer('sogaz-med'), p, f.body.complaintId, { status: 'answered', answer: 'Ответ' })),
    ]);
    expect(await complaintCounts(deps)).toEqual({ items: [{ insurerId: 'sogaz-med', region: '77', open: 0, overdue: 0 }] });
  });
});

describe('the fund\'s counts: kept counters against counting the index', () => {
  it('reads the counters in one small Query, where a COUNT of the open entries reads every one of them', async () => {
    const { deps } = await register('2026-11-23T09:00:00Z');
    const p = await person(deps, 50, 'sogaz-med');
    await Promise.all(Array.from({ length: 200 }, (_, i) => fileComplaint(deps, citizenFor(50), p, request({ text: 'Не записали.' }), `k${i}`)));
    const doc = DynamoDBDocumentClient.from(local.client);
    const counters = await doc.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.complaintCounts }, ReturnConsumedCapacity: 'TOTAL' }));
    const counted = await doc.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': keys.openComplaints('sogaz-med') },
        Select: 'COUNT',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(counted.Count).toBe(200);
    expect(counters.Items).toEqual([expect.objectContaining({ insurerId: 'sogaz-med', open: 200, overdue: 0 })]);
    // 200 keys-only entries of ~150 bytes: 30 KB, 4 units; the counters: the minimum, 0.5.
    expect(counters.ConsumedCapacity?.CapacityUnits).toBe(0.5);
    expect(counted.ConsumedCapacity?.CapacityUnits).toBe(4);
  });
});
