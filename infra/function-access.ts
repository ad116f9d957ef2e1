/**
 * What each handler may touch in the cloud: the least that its code needs. Synth fails for a
 * declared handler missing here, so a new handler cannot slip in with borrowed permissions.
 */
export interface FunctionAccess {
  table: 'none' | 'read' | 'read-write';
  /** Reads the lookup key secret (it hashes SNILS and documents). */
  lookupKey?: boolean;
  /** Names of the declared queues it sends to. */
  sendsTo?: string[];
}

export const FUNCTION_ACCESS: Record<string, FunctionAccess> = {
  'applications/submit-application': { table: 'read-write', lookupKey: true, sendsTo: ['number-requests'] },
  // Reads write an audit entry, hence read-write.
  'applications/get-application': { table: 'read-write' },
  'persons/get-person': { table: 'read-write' },
  'persons/get-policy': { table: 'read-write' },
  'persons/get-audit': { table: 'read-write' },
  'openapi/get-document': { table: 'none' },
  // Hashes the document it is asked about; writes audit entries and attempt counters.
  'verifications/verify-policy': { table: 'read-write', lookupKey: true },
  'numbering/assign-numbers': { table: 'read-write' },
  'numbering/requeue-stalled-applications': { table: 'read-write', sendsTo: ['number-requests'] },
};

export function accessOf(handler: string): FunctionAccess {
  const access = FUNCTION_ACCESS[handler];
  if (!access) throw new Error(`functions/${handler}.ts has no entry in infra/function-access.ts`);
  return access;
}
