import type { Role } from '../config/routes.ts';
import { Problem } from '../domain/problem.ts';
import type { Caller } from './caller.ts';

/**
 * The scope each role acts within, which its token must carry: a clinic its clinic (misses are
 * counted per clinic), an insurer its insurer, an operator its MFC's region or its insurer.
 */
const SCOPE_OF: Partial<Record<Role, { claim: string; present: (c: Caller) => boolean }>> = {
  clinic: { claim: 'clinic id', present: (c) => Boolean(c.clinicId) },
  insurer: { claim: 'insurer id', present: (c) => Boolean(c.insurerId) },
  operator: { claim: 'region or insurer id', present: (c) => Boolean(c.region || c.insurerId) },
};

export function incompleteToken(role: Role): Problem {
  const claim = SCOPE_OF[role]?.claim ?? 'scope';
  return new Problem({
    status: 403,
    code: 'incomplete-token',
    title: 'The token lacks the caller\'s scope',
    detail: `A ${role} token must name its ${claim}.`,
  });
}

/** The first of the caller's roles whose scope the token does not carry, if any. */
export function roleWithoutScope(caller: Caller): Role | undefined {
  return caller.roles.find((r) => SCOPE_OF[r] && !SCOPE_OF[r].present(caller));
}
