import { readFileSync } from 'node:fs';
import { handler as applyRegistryEvents } from '#functions/registry/apply-registry-events.ts';
import { MATCH_TRIES } from '#shared/services/registry/registry-events.ts';
import { fundAdmin, snilsFor } from '../applications.ts';
import { context, sqsEvent } from '../events.ts';
import type { MeteredOperation, Register } from './operations.ts';

/** The civil registry's events, as the queue delivers them, and the fund's list of the unmatched. */
const example = (name: string) => JSON.parse(readFileSync(`infra/local/registry-events/${name}.json`, 'utf8')) as Record<string, unknown>;

async function deliver(event: Record<string, unknown>, receiveCount = 1): Promise<void> {
  const batch = sqsEvent([JSON.stringify(event)]);
  batch.Records[0]!.attributes.ApproximateReceiveCount = String(receiveCount);
  const out = await applyRegistryEvents(batch, context);
  if (out.batchItemFailures.length > 0) throw new Error('the registry event failed');
}

/** A numbered person the events name by SNILS. */
async function named(r: Register, seed: number): Promise<string> {
  await r.numbered(seed);
  return snilsFor(seed);
}

export const REGISTRY_OPERATIONS: MeteredOperation[] = [
  {
    name: 'register a birth (registry event)',
    of: 'registry/apply-registry-events',
    budget: { readUnits: 2.5, writeUnits: 16 },
    prepare: async (r) => {
      const mother = await named(r, 80);
      return () => deliver({ ...example('birth'), mother: { snils: mother } });
    },
  },
  {
    name: 'register a death (registry event)',
    of: 'registry/apply-registry-events',
    budget: { readUnits: 2.5, writeUnits: 8 },
    prepare: async (r) => {
      const person = await named(r, 81);
      return () => deliver({ ...example('death'), person: { snils: person } });
    },
  },
  {
    name: 'a repeated delivery of an event',
    of: 'registry/apply-registry-events',
    budget: { readUnits: 1, writeUnits: 0 },
    prepare: async (r) => {
      const person = await named(r, 82);
      const event = { ...example('death'), person: { snils: person } };
      await deliver(event);
      return () => deliver(event);
    },
  },
  {
    name: 'keep an event that names nobody (registry event)',
    of: 'registry/apply-registry-events',
    budget: { readUnits: 1.5, writeUnits: 4 },
    prepare: async () => () => deliver({ ...example('death'), person: { snils: snilsFor(83) } }, MATCH_TRIES),
  },
  {
    name: 'resolve an unmatched event: apply it to a person (fund)',
    of: 'resolveUnmatchedRegistryEvent',
    budget: { readUnits: 3.5, writeUnits: 10 },
    prepare: async (r) => {
      const { personId } = await r.numbered(85);
      await deliver({ ...example('name-changed'), person: { snils: snilsFor(86) } }, MATCH_TRIES);
      const eventId = String(example('name-changed').eventId);
      return async () => {
        const out = await r.http('resolveUnmatchedRegistryEvent', { method: 'POST', path: `/registry/unmatched/${eventId}/resolution`, pathParameters: { eventId }, body: { action: 'apply', personId }, caller: fundAdmin });
        if (out.statusCode !== 200) throw new Error(`expected 200, got ${out.statusCode}: ${out.body}`);
      };
    },
  },
  {
    name: 'dismiss an unmatched event (fund)',
    of: 'resolveUnmatchedRegistryEvent',
    budget: { readUnits: 2, writeUnits: 4 },
    prepare: async (r) => {
      await deliver({ ...example('death'), person: { snils: snilsFor(87) } }, MATCH_TRIES);
      const eventId = String(example('death').eventId);
      return async () => {
        const out = await r.http('resolveUnmatchedRegistryEvent', { method: 'POST', path: `/registry/unmatched/${eventId}/resolution`, pathParameters: { eventId }, body: { action: 'dismiss', reason: 'sender-error' }, caller: fundAdmin });
        if (out.statusCode !== 200) throw new Error(`expected 200, got ${out.statusCode}: ${out.body}`);
      };
    },
  },
  {
    name: 'list the unmatched registry events (fund)',
    of: 'getUnmatchedRegistryEvents',
    budget: { readUnits: 0.5, writeUnits: 0 },
    prepare: async (r) => {
      await deliver({ ...example('death'), person: { snils: snilsFor(84) } }, MATCH_TRIES);
      return async () => {
        const out = await r.http('getUnmatchedRegistryEvents', { path: '/registry/unmatched', caller: fundAdmin });
        if (out.statusCode !== 200) throw new Error(`expected 200, got ${out.statusCode}: ${out.body}`);
      };
    },
  },
];
