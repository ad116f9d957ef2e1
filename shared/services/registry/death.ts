import { Problem } from '../../domain/problem.ts';
import type { DeathEvent } from '../../schemas/registry-events.ts';
import type { Dependencies } from '../dependencies.ts';
import { onLatest } from '../lifecycle/current-records.ts';
import { writeChange } from '../lifecycle/policy-changes.ts';
import { whom, type Delivery } from './find-person.ts';
import { unresolved, type Handled } from './handled.ts';

/**
 * A death: the person's policy is terminated (П022) from the day of death, whatever its status; the
 * record stays, and nothing can change it afterwards. One already terminated changes nothing.
 */
export async function registerDeath(deps: Dependencies, event: DeathEvent, delivery: Delivery): Promise<Handled> {
  const match = await whom(deps, event.person, delivery);
  if (match.kind !== 'one') return unresolved(match);
  const { personId } = match;
  try {
    return await onLatest(
      deps,
      personId,
      async ({ person, policy }): Promise<Handled | undefined> => {
        if (!person || !policy) return { outcome: 'unmatched', code: 'person-not-found' };
        const view = await writeChange(deps, person, policy, { kind: 'terminate', reason: 'death', on: event.diedOn }, undefined, 'registryEvent', 'registry');
        return view && { outcome: 'applied', personId };
      },
      () => new Error(`death of ${personId} kept meeting concurrent changes`),
    );
  } catch (error) {
    if (error instanceof Problem && error.status === 409) return { outcome: 'no-change', personId, code: error.code };
    throw error;
  }
}
