import type { PolicyRecord, PolicyStatus } from '../../store/records.ts';

/**
 * The status a reader must act on today: a bounded policy past its last day is expired whether or
 * not the deadlines job has marked it yet (it runs hourly; a clinic must never hear "active" the
 * morning after a right to stay ended).
 */
export function effectiveStatus(policy: Pick<PolicyRecord, 'status' | 'validTo'>, today: string): PolicyStatus {
  if ((policy.status === 'active' || policy.status === 'suspended') && policy.validTo !== null && policy.validTo < today) return 'expired';
  return policy.status;
}

/** A temporary policy waits for the conversion job while it runs and has a conversion day. */
export function awaitsConversion(policy: Pick<PolicyRecord, 'form' | 'status' | 'convertOn'>): boolean {
  return policy.form === 'В' && policy.convertOn !== undefined && (policy.status === 'active' || policy.status === 'suspended');
}
