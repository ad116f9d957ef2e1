import { addDays, startOfLocalDay } from '../dates.ts';
import type { PolicyRecord } from '../../store/records.ts';

/**
 * When the deadlines job must next look at a person: the day a suspension ends by itself, or the
 * day after a bounded policy's last day (it expires), whichever comes first, at the start of that
 * day in the region's time zone. A temporary policy waiting for its conversion has no expiry
 * deadline: the conversion job replaces it first (and reports it if it cannot).
 */
export function nextDeadline(policy: PolicyRecord, timeZone: string): string | undefined {
  if (policy.status !== 'active' && policy.status !== 'suspended') return undefined;
  const days: string[] = [];
  if (policy.status === 'suspended' && policy.suspension?.endsOn) days.push(policy.suspension.endsOn);
  const waitsForConversion = policy.form === 'В' && policy.convertOn !== undefined;
  if (policy.validTo !== null && !waitsForConversion) days.push(addDays(policy.validTo, 1));
  if (days.length === 0) return undefined;
  return startOfLocalDay(days.sort()[0]!, timeZone).toISOString();
}
