import type { PolicyForm, PolicyStatus } from '../../store/records.ts';

/** What a reception learns of a policy: whether care is given today, and why not. */
export const CARE_STATES = ['active', 'temporary', 'suspended', 'terminated', 'expired'] as const;
export type CareState = (typeof CARE_STATES)[number];

/**
 * A temporary policy (form В) gives care like the permanent one while it runs; a suspended one
 * gives none until resumed. A policy replaced by the e-policy reads as ended (the e-policy is the
 * one to show).
 */
export function careState(form: PolicyForm, status: PolicyStatus): { state: CareState; careToday: boolean } {
  if (status === 'active') return { state: form === 'В' ? 'temporary' : 'active', careToday: true };
  if (status === 'replaced') return { state: 'expired', careToday: false };
  return { state: status, careToday: false };
}
