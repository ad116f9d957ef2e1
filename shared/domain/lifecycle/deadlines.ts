import { addDays, startOfLocalDay } from '../dates.ts';
import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import { awaitsConversion } from './policy-status.ts';

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
  if (policy.validTo !== null && !awaitsConversion(policy)) days.push(addDays(policy.validTo, 1));
  if (days.length === 0) return undefined;
  return startOfLocalDay(days.sort()[0]!, timeZone).toISOString();
}

/** The person with the next deadline their current policy sets (or none). */
export function withNextDeadline(person: PersonRecord, policy: PolicyRecord, timeZone: string): PersonRecord {
  const { nextDeadlineAt: _previous, ...rest } = person;
  const at = nextDeadline(policy, timeZone);
  return at ? { ...rest, nextDeadlineAt: at } : rest;
}
