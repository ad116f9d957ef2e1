import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';

/** The person and their current (newest) policy, read strongly consistent: a change is decided on the latest version. */
export async function currentRecords(deps: Pick<Dependencies, 'store'>, personId: string): Promise<{ person?: PersonRecord; policy?: PolicyRecord }> {
  const { person, policies } = await deps.store.getPersonRecords(personId, 0, true);
  return { person, policy: policies[0] };
}
