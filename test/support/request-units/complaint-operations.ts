import { fixedClock } from '#shared/clock.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { handler as flagOverdue } from '#functions/complaints/flag-overdue-complaints.ts';
import { citizenFor, fundAdmin, insurer } from '../applications.ts';
import { context } from '../events.ts';
import type { MeteredOperation, Register } from './operations.ts';

/**
 * The complaint routes and the overdue job. Most cases carry the longest text (4,000 Cyrillic
 * characters, 8 KB in UTF-8: the most a person may write), so the figures are the dearest a filing,
 * an answer and a page can be: every write of an open complaint is priced on its whole item, in a
 * transaction (twice), and again in the work index (projected whole) while it waits for its due
 * date. A complaint of a few lines costs a third of that.
 */
const LONG_TEXT = 'Ж'.repeat(4000);

async function ok(result: Promise<HttpResult>, status: number): Promise<HttpResult> {
  const r = await result;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}
const body = (r: HttpResult) => JSON.parse(r.body ?? '{}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const complaint = (text = LONG_TEXT) => ({ kind: 'no_appointment', clinicCode: '770101', incidentOn: '2026-11-20', text });

/** A citizen's own record, its insurer, and the request that files a complaint for it. */
async function filer(r: Register, seed: number) {
  const { personId } = await r.own(seed);
  const insurerId = (await r.deps.store.getPerson(personId))!.insurerId;
  const file = (key: string, text?: string) =>
    r.http('fileComplaint', { method: 'POST', path: `/persons/${personId}/complaints`, pathParameters: { personId }, body: complaint(text), headers: { 'idempotency-key': key }, caller: citizenFor(seed) });
  return { personId, insurerId, file };
}

export const COMPLAINT_OPERATIONS: MeteredOperation[] = [
  {
    name: 'file a complaint (its citizen, longest text)',
    of: 'fileComplaint',
    budget: { readUnits: 1.5, writeUnits: 36 },
    prepare: async (r) => {
      const { file } = await filer(r, 60);
      return () => ok(file('c-1'), 201);
    },
  },
  {
    name: 'file a complaint (its citizen, a few lines)',
    of: 'fileComplaint',
    budget: { readUnits: 1.5, writeUnits: 12 },
    prepare: async (r) => {
      const { file } = await filer(r, 61);
      return () => ok(file('c-1', 'Не могу записаться к терапевту третью неделю: в регистратуре говорят, что записи нет.'), 201);
    },
  },
  {
    name: 'repeat a complaint with its Idempotency-Key',
    of: 'fileComplaint',
    budget: { readUnits: 4.5, writeUnits: 13 },
    prepare: async (r) => {
      const { file } = await filer(r, 62);
      await ok(file('c-1'), 201);
      return () => ok(file('c-1'), 201);
    },
  },
  {
    name: "read a person's complaints (its citizen, 5)",
    of: 'listPersonComplaints',
    budget: { readUnits: 6.5, writeUnits: 0 },
    prepare: async (r) => {
      const { personId, file } = await filer(r, 63);
      for (let i = 0; i < 5; i++) await ok(file(`c-${i}`), 201);
      return () => ok(r.http('listPersonComplaints', { path: `/persons/${personId}/complaints`, pathParameters: { personId }, caller: citizenFor(63) }), 200);
    },
  },
  {
    name: "an insurer's open complaints (a page of 20)",
    of: 'listOpenComplaints',
    budget: { readUnits: 30.5, writeUnits: 0 },
    prepare: async (r) => {
      const { insurerId, file } = await filer(r, 64);
      for (let i = 0; i < 25; i++) await ok(file(`c-${i}`), 201);
      return () => ok(r.http('listOpenComplaints', { path: '/complaints', queryStringParameters: { limit: '20' }, caller: insurer(insurerId) }), 200);
    },
  },
  {
    name: 'take a complaint in hand (insurer)',
    of: 'changeComplaint',
    budget: { readUnits: 3, writeUnits: 29 },
    prepare: async (r) => {
      const { personId, insurerId, file } = await filer(r, 65);
      const { complaintId } = body(await ok(file('c-1'), 201));
      return () => ok(r.http('changeComplaint', { method: 'PATCH', path: `/persons/${personId}/complaints/${complaintId}`, pathParameters: { personId, complaintId }, body: { status: 'in_progress' }, caller: insurer(insurerId) }), 200);
    },
  },
  {
    name: 'answer a complaint (insurer, longest answer)',
    of: 'changeComplaint',
    budget: { readUnits: 3, writeUnits: 50 },
    prepare: async (r) => {
      const { personId, insurerId, file } = await filer(r, 66);
      const { complaintId } = body(await ok(file('c-1'), 201));
      return () =>
        ok(r.http('changeComplaint', { method: 'PATCH', path: `/persons/${personId}/complaints/${complaintId}`, pathParameters: { personId, complaintId }, body: { status: 'answered', answer: LONG_TEXT }, caller: insurer(insurerId) }), 200);
    },
  },
  {
    name: 'complaint counts per insurer (fund administrator)',
    of: 'getComplaintCounts',
    budget: { readUnits: 0.5, writeUnits: 0 },
    prepare: async (r) => {
      for (const seed of [67, 68, 69]) await ok((await filer(r, seed)).file('c-1'), 201);
      return () => ok(r.http('getComplaintCounts', { path: '/complaints/overdue', caller: fundAdmin }), 200);
    },
  },
  {
    name: 'flag overdue complaints (none due)',
    of: 'complaints/flag-overdue-complaints',
    budget: { readUnits: 8, writeUnits: 0 },
    prepare: async (r) => {
      await ok((await filer(r, 70)).file('c-1'), 201);
      return () => flagOverdue({}, context);
    },
  },
  {
    name: 'flag an overdue complaint (one due)',
    of: 'complaints/flag-overdue-complaints',
    budget: { readUnits: 9, writeUnits: 31 },
    prepare: async (r) => {
      await ok((await filer(r, 71)).file('c-1'), 201);
      r.deps.clock = fixedClock('2026-12-24T09:00:00Z');
      return async () => {
        const out = (await flagOverdue({}, context)) as { flagged: number };
        if (out.flagged !== 1) throw new Error(`flagged ${out.flagged}`);
      };
    },
  },
];
