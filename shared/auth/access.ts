import type { Dependencies } from '../services/dependencies.ts';
import type { AccountRelation } from '../store/records.ts';
import { hasRole, type Caller } from './caller.ts';

/** What decides who may see a person's records. */
export interface PersonScope {
  personId: string;
  region: string;
  insurerId: string;
}

/** A citizen account's links: its own person and its children. */
export interface AccountLinks {
  self?: string;
  children: string[];
}

/** Why the caller may see the records: its own account's link, or its role's scope. */
export type Grant = AccountRelation | 'role';

/**
 * Citizens see their own and their children's records; operators those of their region (MFC) or
 * insurer (insurer office); insurers those they insure; fund administrators all. The caller's
 * roles are already narrowed to the route's. Anyone else gets undefined: answer 404, not 403,
 * so that nobody learns which records exist.
 */
export async function grantFor(
  deps: Pick<Dependencies, 'store'>,
  caller: Caller,
  scope: PersonScope,
  /** A citizen's account links, when the caller has read them already. */
  links?: AccountLinks,
): Promise<Grant | undefined> {
  if (hasRole(caller, 'fund_admin')) return 'role';
  if (hasRole(caller, 'operator') && ((caller.region && caller.region === scope.region) || (caller.insurerId && caller.insurerId === scope.insurerId))) {
    return 'role';
  }
  if (hasRole(caller, 'insurer') && caller.insurerId && caller.insurerId === scope.insurerId) return 'role';
  if (hasRole(caller, 'citizen')) return relationIn(links ?? (await deps.store.accountLinks(caller.subject)), scope.personId);
  return undefined;
}

/** How an account's links (its own record, its children) relate it to a person, if at all. */
export function relationIn(links: AccountLinks, personId: string): AccountRelation | undefined {
  if (links.self === personId) return 'self';
  return links.children.includes(personId) ? 'child' : undefined;
}
