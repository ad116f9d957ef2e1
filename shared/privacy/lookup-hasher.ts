import { createHash, createHmac } from 'node:crypto';
import type { IdentityDocument } from '../domain/documents.ts';

/**
 * Keyed hashes (HMAC-SHA-256) stand in for SNILS and document numbers in table keys, so the keys
 * reveal nothing without the key, which lives in a secret and never in code. The same key gives
 * the key that encrypts page cursors; every use hashes its own tag first, so no use can stand for another.
 */
export class LookupHasher {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error('lookup key too short');
  }

  /**
   * Of the fields as a JSON array: an unambiguous encoding, so that no two different tuples can
   * share a hash however their fields are split («AB|411», «298» is not «AB», «411|298»).
   */
  private hash(...fields: (string | number)[]): string {
    return createHmac('sha256', this.key).update(JSON.stringify(fields)).digest('base64url');
  }

  snils(normalized: string): string {
    return this.hash('snils', normalized);
  }

  /** Of a normalized document: type, series and number identify it. */
  document(doc: IdentityDocument): string {
    return this.hash('document', doc.type, doc.series ?? '', doc.number);
  }

  attemptKey(kind: string, key: string): string {
    return this.hash('attempts', kind, key);
  }

  idempotencyKey(scope: string, key: string): string {
    return this.hash('idempotency', scope, key);
  }

  /** The AES-256 key of page cursors (derived, so the lookup key itself never encrypts anything). */
  cursorKey(): Buffer {
    return Buffer.from(this.hash('cursor-key'), 'base64url');
  }

  /** A nonce for a cursor: the same position of the same list always reads the same. */
  cursorNonce(list: string, after: string): Buffer {
    return Buffer.from(this.hash('cursor-nonce', list, after), 'base64url').subarray(0, 12);
  }
}

/** A fingerprint of a request body that does not depend on the order of its keys. */
export function fingerprint(value: unknown): string {
  const canonical = JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  return createHash('sha256').update(canonical).digest('base64url');
}
