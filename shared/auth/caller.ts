import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROLES, type Role } from '../config/routes.ts';
import { COGNITO_CLAIMS, type ClaimNames } from './claim-names.ts';

/**
 * Who is calling, read from the JWT claims API Gateway's authorizer verified (locally, the
 * development issuer's). The same reading in both places: API Gateway hands claims over as
 * strings, arrays as "[a b]", and so does the local server.
 */
export interface Caller {
  subject: string;
  roles: Role[];
  /** An MFC operator's region. */
  region?: string;
  /** An insurer office operator's or an insurer's own insurer id. */
  insurerId?: string;
  clinicId?: string;
  /** A citizen's verified SNILS, when the identity provider gives it (ESIA does). Never logged. */
  snils?: string;
}

export const SYSTEM_CALLER: Caller = { subject: 'system', roles: [] };

type Claims = Record<string, string | number | boolean | string[] | undefined>;

function list(value: Claims[string]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).map((s) => s.replace(/^"|"$/g, '')).filter(Boolean);
}

function claim(claims: Claims, name: string): string | undefined {
  const v = claims[name];
  return v === undefined || v === '' ? undefined : String(v);
}

/** A caller is what the token says, or nothing when the token names no subject. */
export type CallerReading = { caller: Caller } | { problem: 'no-subject' };

/**
 * Reads roles and scopes only from the claims the configured issuer controls (Cognito's groups
 * and administrator-only custom attributes by default; the names given for another issuer).
 * Any other claim, e.g. a `roles` the user could have put in their profile, is ignored.
 */
export function callerFromClaims(claims: Claims, names: Partial<ClaimNames> = {}): CallerReading {
  const n = { ...COGNITO_CLAIMS, ...names };
  const subject = claim(claims, n.subject);
  if (!subject) return { problem: 'no-subject' };
  const known = new Set<string>(ROLES);
  return {
    caller: {
      subject,
      roles: [...new Set(list(claims[n.roles]))].filter((r): r is Role => known.has(r)),
      region: claim(claims, n.region),
      insurerId: claim(claims, n.insurerId),
      clinicId: claim(claims, n.clinicId),
      snils: claim(claims, n.snils),
    },
  };
}

/** The verified claims of the event, or undefined when there are none (a public route). */
export function claimsOf(event: APIGatewayProxyEventV2): Claims | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer;
  return authorizer?.jwt?.claims;
}

export const hasRole = (caller: Caller, ...roles: Role[]) => caller.roles.some((r) => roles.includes(r));

/** Ids and organization only: what logs and the audit trail may say about a caller. */
export function actorOf(caller: Caller) {
  return {
    subject: caller.subject,
    roles: caller.roles,
    ...(caller.region ? { region: caller.region } : {}),
    ...(caller.insurerId ? { insurerId: caller.insurerId } : {}),
    ...(caller.clinicId ? { clinicId: caller.clinicId } : {}),
  };
}
export type Actor = ReturnType<typeof actorOf>;
