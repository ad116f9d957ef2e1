import type { ProductionCalendar } from '../calendar/production-calendar.ts';
import type { ApplicationRecord } from '../store/records.ts';

/**
 * A registration waiting for its number, as filing and a newborn's registration both make it: due
 * by the end of the region's next working day, and first looked at again by the sweeper after the
 * grace period (in case the number request was lost).
 */
export function awaitingNumber(
  now: Date,
  timeZone: string,
  calendar: ProductionCalendar,
  stalledAfterMinutes: number,
  record: Pick<ApplicationRecord, 'applicationId' | 'personId' | 'channel' | 'region' | 'insurerId' | 'temporaryPolicyId'>,
): ApplicationRecord {
  return {
    ...record,
    status: 'awaiting_number',
    submittedAt: now.toISOString(),
    numberDueAt: calendar.endOfNextWorkingDay(now, timeZone).toISOString(),
    nextCheckAt: new Date(now.getTime() + stalledAfterMinutes * 60_000).toISOString(),
    requeues: 0,
  };
}
