import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ROLES, type Role } from '../config/routes.ts';

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

function first(claims: Claims, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = claims[n];
    if (v !== undefined && v !== '') return String(v);
  }
  return undefined;
}

/** Cognito puts roles in `cognito:groups` and attributes under `custom:`; other issuers may not. */
export function callerFromClaims(claims: Claims): Caller | undefined {
  const subject = first(claims, 'sub');
  if (!subject) return undefined;
  const known = new Set<string>(ROLES);
  const roles = [...new Set([...list(claims['cognito:groups']), ...list(claims.roles)])].filter((r): r is Role => known.has(r));
  return {
    subject,
    roles,
    region: first(claims, 'custom:region', 'region'),
    insurerId: first(claims, 'custom:insurer_id', 'insurer_id'),
    clinicId: first(claims, 'custom:clinic_id', 'clinic_id'),
    snils: first(claims, 'custom:snils', 'snils'),
  };
}

export function callerFromEvent(event: APIGatewayProxyEventV2): Caller | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  return claims ? callerFromClaims(claims) : undefined;
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
