import type { InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import { assignInsurer, insurerWorking, worksOn, type AssignmentRule } from '../../catalogues/insurers.ts';
import { findRegion } from '../../catalogues/regions.ts';
import { Problem } from '../problem.ts';
import type { Change, EventKind, PersonRecord, PolicyRecord, SuspensionReason, TerminationReason } from '../../store/records.ts';
import { REGISTER_CODES } from './history-codes.ts';
import { effectiveStatus } from './policy-status.ts';

/** A change a person or an office asks for. */
export type StatusChange =
  | { kind: 'suspend'; reason: SuspensionReason; endsOn?: string }
  | { kind: 'resume' }
  /** `on`: the day it ended, when the register learns it later (a death the civil registry reports); today by default. */
  | { kind: 'terminate'; reason: TerminationReason; on?: string }
  | { kind: 'change-region'; region: string; insurerId?: string }
  /** The register's own step: a bounded policy past its last day is marked expired. */
  | { kind: 'expire' };

/** What a move needs of the catalogues: the destination region's insurers and the fund's rule of assignment. */
export interface Destination {
  insurers: readonly InsurerEntry[];
  assignment: AssignmentRule;
}

/** What the change makes of the person's current policy, and the history entry that says so. */
export interface Decided {
  policy: PolicyRecord;
  person: Pick<PersonRecord, 'region' | 'insurerId'>;
  event: { kind: EventKind; registerCode?: string; changes: Record<string, Change>; reason?: string };
}

const conflict = (code: string, title: string, detail: string) => new Problem({ status: 409, code, title, detail });

/** Only an active policy changes; a suspended one only by resuming; a terminated or expired one never. */
export function refuseUnless(status: string, allowed: readonly string[]): void {
  if (allowed.includes(status)) return;
  if (status === 'terminated') throw conflict('policy-terminated', 'The policy is terminated', 'A terminated policy cannot be used, changed or resumed.');
  if (status === 'expired') throw conflict('policy-expired', 'The policy has expired', 'The right to insurance has ended; apply again with a new document.');
  if (status === 'suspended') throw conflict('policy-suspended', 'The policy is suspended', 'A suspended policy can only be resumed.');
  throw conflict('policy-not-suspended', 'The policy is not suspended', 'Only a suspended policy can be resumed.');
}

/**
 * Decides a change on `today` (the region's date): the rule of each change lives here, so every
 * path (the portal, an office, a job) goes through the same one.
 */
export function decideChange(person: PersonRecord, policy: PolicyRecord, change: StatusChange, today: string, destination?: Destination): Decided {
  const status = effectiveStatus(policy, today);
  const same = { region: person.region, insurerId: person.insurerId };
  switch (change.kind) {
    case 'suspend': {
      refuseUnless(status, ['active']);
      if (change.endsOn !== undefined && change.endsOn <= today) {
        throw Problem.invalid([{ pointer: '/endsOn', code: 'not-in-future', detail: 'The suspension must end after today.' }]);
      }
      const suspension = { reason: change.reason, from: today, ...(change.endsOn ? { endsOn: change.endsOn } : {}) };
      return {
        policy: { ...policy, status: 'suspended', suspension },
        person: same,
        event: { kind: 'suspended', registerCode: REGISTER_CODES.suspension, changes: { status: { from: 'active', to: 'suspended' }, ...(change.endsOn ? { endsOn: { to: change.endsOn } } : {}) }, reason: change.reason },
      };
    }
    case 'resume': {
      refuseUnless(status, ['suspended']);
      const { suspension: _ended, ...rest } = policy;
      return {
        policy: { ...rest, status: 'active' },
        person: same,
        event: { kind: 'resumed', registerCode: REGISTER_CODES.resumption, changes: { status: { from: 'suspended', to: 'active' } } },
      };
    }
    case 'terminate': {
      refuseUnless(status, ['active', 'suspended', 'expired']);
      const { suspension: _ended, ...rest } = policy;
      return {
        policy: { ...rest, status: 'terminated', termination: { reason: change.reason, on: change.on && change.on < today ? change.on : today } },
        person: same,
        event: {
          kind: 'terminated',
          ...(change.reason === 'death' ? { registerCode: REGISTER_CODES.death } : {}),
          changes: { status: { from: status, to: 'terminated' } },
          reason: change.reason,
        },
      };
    }
    case 'change-region':
      refuseUnless(status, ['active']);
      if (!destination) throw new Error('a move is decided with the destination region\'s insurers');
      return changeRegion(person, policy, change, today, destination);
    case 'expire': {
      if (status !== 'expired' || policy.status === 'expired') throw conflict('policy-not-expired', 'The policy has not expired', 'Only a policy past its last day expires.');
      const { suspension: _ended, ...rest } = policy;
      return { policy: { ...rest, status: 'expired' }, person: same, event: { kind: 'expired', changes: { status: { from: policy.status, to: 'expired' } } } };
    }
  }
}

/**
 * Moving: the region changes; the insurer stays if it works in the new region, else the person
 * names one that does or the region's fund assigns one (the same rule as at filing). П032 when the
 * person chose the new insurer, П035 when the fund assigned it; none when the insurer stays.
 */
function changeRegion(person: PersonRecord, policy: PolicyRecord, change: { region: string; insurerId?: string }, today: string, { insurers, assignment }: Destination): Decided {
  const region = findRegion(change.region);
  if (!region) throw Problem.invalid([{ pointer: '/region', code: 'unknown-region', detail: 'Not a region code of the register.' }]);
  if (region.code === person.region) throw Problem.invalid([{ pointer: '/region', code: 'same-region', detail: 'The person is already insured in this region.' }]);
  let insurerId = person.insurerId;
  let registerCode: string | undefined;
  if (change.insurerId !== undefined) {
    const chosen = insurerWorking(insurers, change.insurerId, today);
    if (!chosen) throw Problem.invalid([{ pointer: '/insurerId', code: 'not-in-region', detail: 'This insurer does not work in the new region.' }]);
    insurerId = chosen.id;
    if (insurerId !== person.insurerId) registerCode = REGISTER_CODES.changedOnMovingByChoice;
  } else {
    if (!insurerWorking(insurers, person.insurerId, today)) {
      if (!insurers.some((i) => worksOn(i, today))) throw conflict('no-insurer-in-region', 'No insurer in the region', "No insurer works in the new region today: the fund's catalogue lists none.");
      insurerId = assignInsurer(insurers, person.personId, today, assignment).id;
      registerCode = REGISTER_CODES.changedOnMovingByFund;
    }
  }
  const changes: Record<string, Change> = { region: { from: person.region, to: region.code } };
  if (insurerId !== person.insurerId) changes.insurerId = { from: person.insurerId, to: insurerId };
  return {
    policy: { ...policy, region: region.code, insurerId },
    person: { region: region.code, insurerId },
    event: { kind: 'region_changed', ...(registerCode ? { registerCode } : {}), changes },
  };
}
