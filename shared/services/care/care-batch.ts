import { safeParse } from 'zod/v4/core';
import type { Caller } from '../../auth/caller.ts';
import type { CareSettings } from '../../config/settings.ts';
import { Problem, PROBLEM_TYPE_BASE, type FieldError } from '../../domain/problem.ts';
import { zodErrors } from '../../http/request.ts';
import type { CareBatchResult } from '../../schemas/care.ts';
import { careBatchItemSchema } from '../../schemas/care-requests.ts';
import type { CareContext } from '../../store/care-store.ts';
import type { Dependencies } from '../dependencies.ts';
import { recordCare, type CareOutcome } from './record-care.ts';

type Result = CareBatchResult['results'][number];

/**
 * A day's file of care events, for any of the insurer's insured: each event is checked and written
 * on its own (its own small transaction, a few at a time), so one refused event never undoes
 * another, and a retry of the whole file makes only what is missing (the rest are `replayed`).
 * Each result carries the problem the event would have got alone, its pointers into the batch.
 * The settings come from the batch's handler: no other function carries them.
 */
export async function recordCareBatch(deps: Dependencies, caller: Caller, events: unknown[], { batchMaxEvents, batchParallelWrites }: CareSettings): Promise<CareBatchResult> {
  if (events.length > batchMaxEvents) {
    throw Problem.invalid([{ pointer: '/events', code: 'too-many-events', detail: `At most ${batchMaxEvents} events in one batch.` }]);
  }
  const contexts = new Map<string, Promise<CareContext>>();
  const results: Result[] = new Array(events.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < events.length; index = next++) {
      const parsed = safeParse(careBatchItemSchema, events[index]);
      const outcome: CareOutcome = parsed.success ? await recordCare(deps, caller, parsed.data, contexts) : { status: 'refused', problem: Problem.invalid(zodErrors(parsed.error, events[index])) };
      results[index] = resultOf(index, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(batchParallelWrites, events.length) }, worker));
  const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
  return { results, created: count('created'), replayed: count('replayed'), refused: count('refused') };
}

function resultOf(index: number, outcome: CareOutcome): Result {
  if (outcome.status !== 'refused') return { index, status: outcome.status, event: outcome.event as Result['event'] };
  const { problem } = outcome;
  const within = (e: FieldError) => ({ ...e, pointer: `/events/${index}${e.pointer === '/' ? '' : e.pointer}` });
  return {
    index,
    status: 'refused',
    problem: {
      type: `${PROBLEM_TYPE_BASE}${problem.code}`,
      title: problem.title,
      status: problem.status,
      code: problem.code,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors.length > 0 ? { errors: problem.errors.map(within) } : {}),
    },
  };
}
