import { getRegion } from '../catalogues/regions.ts';
import { composeEnp, enpPrefix, MAX_SERIAL } from '../domain/enp.ts';
import { logger } from '../observability/logger.ts';
import { metric } from '../observability/metrics.ts';
import type { Dependencies } from './dependencies.ts';

export type NumberingResult = 'assigned' | 'already-done' | 'unknown-application';

/** Serials are burnt, never reused; a taken number (an imported legacy one) just means the next. */
const MAX_TAKEN_IN_A_ROW = 20;

/**
 * Gives the application's person a unique ЕНП. The history line (number_assigned) records it; the
 * audit trail records what callers did, so the system's own step adds no audit entry.
 * Safe to run twice or concurrently for the same
 * application: the person can only be numbered once (conditional write), and a repeat just
 * completes the application with the number the person already holds.
 */
export async function assignNumber(deps: Dependencies, applicationId: string): Promise<NumberingResult> {
  const { store, clock } = deps;
  const application = await store.getApplication(applicationId);
  if (!application) {
    logger.warn('number requested for an unknown application', { applicationId });
    return 'unknown-application';
  }
  if (application.status !== 'awaiting_number') return 'already-done';

  const person = await store.getPerson(application.personId);
  if (!person) throw new Error(`application ${applicationId} has no person record`);
  const at = () => clock.now().toISOString();
  if (person.enp) {
    await store.completeApplication(application, person.enp, at());
    return 'already-done';
  }

  const territory = getRegion(application.region).code;
  const prefix = enpPrefix(territory, person.birthDate, person.sex);
  for (let attempt = 0; attempt < MAX_TAKEN_IN_A_ROW; attempt++) {
    const serial = await store.nextEnpSerial(prefix);
    if (serial > MAX_SERIAL) throw new Error(`ЕНП serials exhausted for territory ${territory}`);
    const enp = composeEnp({ territory, birthDate: person.birthDate, sex: person.sex, serial });
    const assignedAt = at();
    const outcome = await store.assignEnp({ application, enp, at: assignedAt });
    switch (outcome) {
      case 'assigned':
        logger.info('number assigned', {
          applicationId,
          personId: person.personId,
          overdue: assignedAt > application.numberDueAt,
        });
        metric.numberAssigned(assignedAt > application.numberDueAt);
        return 'assigned';
      case 'application-not-waiting':
        return 'already-done';
      case 'person-already-numbered': {
        const again = await store.getPerson(person.personId);
        await store.completeApplication(application, again!.enp!, assignedAt);
        return 'already-done';
      }
      case 'number-taken':
        logger.warn('ЕНП serial already taken; trying the next', { applicationId });
    }
  }
  throw new Error(`no free ЕНП found after ${MAX_TAKEN_IN_A_ROW} serials`);
}
