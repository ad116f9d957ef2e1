import type { HttpResult } from '#shared/http/responses.ts';
import { citizenFor } from '../applications.ts';
import type { MeteredOperation, Register } from './operations.ts';

/**
 * The care history: insurers report their insured's requests for care, one at a time or a day's file
 * at once, and the person and the insurers read it. The clinics' catalogue is read through its own
 * client, kept a minute (see `measureOperations`). A care write reads the person and their history
 * through a filtered Query: the meter prices what comes back, DynamoDB what it read (the whole
 * history, a few KB: the same half unit for nearly everyone).
 */
async function ok(result: Promise<HttpResult>, status: number): Promise<HttpResult> {
  const r = await result;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}

const FACTS = { date: '2026-11-20', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };

/** A numbered person, and the insurer the fund gave them (as a caller). */
async function insured(r: Register, seed: number) {
  const { personId } = await r.numbered(seed);
  const { insurerId } = (await r.deps.store.getPerson(personId))!;
  return { personId, insurer: { subject: `insurer-${insurerId}`, roles: ['insurer' as const], insurerId } };
}

const report = (r: Register, personId: string, insurer: Awaited<ReturnType<typeof insured>>['insurer'], eventId: string, status: number) =>
  ok(r.http('recordCareEvent', { method: 'POST', path: `/persons/${personId}/care-events`, pathParameters: { personId }, body: { eventId, ...FACTS }, caller: insurer }), status);

/** Events each person of a day's file has (ten people, ten each). */
const PER_PERSON = 10;

export const CARE_OPERATIONS: MeteredOperation[] = [
  {
    name: 'report a care event (insurer)',
    of: 'recordCareEvent',
    budget: { readUnits: 0.5, writeUnits: 6 },
    prepare: async (r) => {
      const { personId, insurer } = await insured(r, 60);
      return () => report(r, personId, insurer, 'E-1', 201);
    },
  },
  {
    name: 'repeat a care event (insurer)',
    of: 'recordCareEvent',
    budget: { readUnits: 0.5, writeUnits: 3 },
    prepare: async (r) => {
      const { personId, insurer } = await insured(r, 61);
      await report(r, personId, insurer, 'E-1', 201);
      return () => report(r, personId, insurer, 'E-1', 200);
    },
  },
  {
    name: "report a day's file of 100 care events (insurer), of 4 people",
    of: 'recordCareEvents',
    budget: { readUnits: 2, writeUnits: 600 },
    prepare: async (r) => {
      // One insurer's file of its own insured: people are filed until four share the first one's
      // insurer (the fund assigns by weight). Each person costs one Query (half a unit), read once
      // for all of their events.
      const first = await insured(r, 62);
      const mine = [first];
      for (let s = 63; mine.length < 4 && s < 200; s++) {
        const next = await insured(r, s);
        if (next.insurer.insurerId === first.insurer.insurerId) mine.push(next);
      }
      const events = Array.from({ length: 100 }, (_, i) => ({ personId: mine[i % mine.length]!.personId, eventId: `F-${i}`, ...FACTS }));
      return async () => {
        const answer = JSON.parse((await ok(r.http('recordCareEvents', { method: 'POST', path: '/care-events', body: { events }, caller: first.insurer }), 200)).body ?? '{}') as { created: number };
        if (answer.created !== 100) throw new Error(`created ${answer.created}`);
      };
    },
  },
  {
    name: 'read the care history (its citizen)',
    of: 'getPersonCareHistory',
    budget: { readUnits: 1.5, writeUnits: 0 },
    prepare: async (r) => {
      const { personId } = await r.own(72);
      const { insurerId } = (await r.deps.store.getPerson(personId))!;
      const insurer = { subject: `insurer-${insurerId}`, roles: ['insurer' as const], insurerId };
      for (let i = 0; i < PER_PERSON; i++) await report(r, personId, insurer, `H-${i}`, 201);
      return () => ok(r.http('getPersonCareHistory', { path: `/persons/${personId}/care-history`, pathParameters: { personId }, caller: citizenFor(72) }), 200);
    },
  },
  {
    name: 'read the care history (insurer)',
    of: 'getPersonCareHistory',
    budget: { readUnits: 1, writeUnits: 1 },
    prepare: async (r) => {
      const { personId, insurer } = await insured(r, 73);
      for (let i = 0; i < PER_PERSON; i++) await report(r, personId, insurer, `H-${i}`, 201);
      return () => ok(r.http('getPersonCareHistory', { path: `/persons/${personId}/care-history`, pathParameters: { personId }, caller: insurer }), 200);
    },
  },
];
