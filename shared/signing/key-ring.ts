/**
 * The register's barcode signing keys as everyone may know them: the public half of each, with the
 * times it signs and verifies. A key is published before it signs (`signsFrom` lies ahead of its
 * creation), so every verifier, keeping the ring a minute, knows it before the first barcode signed
 * with it is shown; it stops signing when its successor starts, and keeps verifying until it
 * retires (barcodes on phones are fetched again; printed extracts live longer).
 */
export interface PublicSigningKey {
  /** The one byte naming the key in the barcode's signature field, 1-255. */
  kid: number;
  /** The Ed25519 public key, base64url (JWK `x`). */
  x: string;
  createdAt: string;
  signsFrom: string;
  /** When its successor took over; null while it is the newest. */
  signsUntil: string | null;
  /** When it stops verifying; null while it signs. */
  retiresAt: string | null;
}

export interface KeyRing {
  version: number;
  keys: PublicSigningKey[];
  changedAt: string;
}

export interface RotationSettings {
  /** A key signs this many days, then its successor takes over. */
  rotateAfterDays: number;
  /** A key stops signing and keeps verifying this many days more. */
  verifyForDays: number;
  /** A new key is published this many minutes before it signs. */
  publishAheadMinutes: number;
}

const DAY_MS = 86_400_000;
const at = (iso: string) => Date.parse(iso);

/** The key that signs now: the newest whose time has come. */
export function signingKeyOf(ring: KeyRing | undefined, now: Date): PublicSigningKey | undefined {
  return ring?.keys.filter((k) => at(k.signsFrom) <= now.getTime() && (k.signsUntil === null || at(k.signsUntil) > now.getTime())).sort((a, b) => at(b.signsFrom) - at(a.signsFrom))[0];
}

export function isRetired(key: PublicSigningKey, now: Date): boolean {
  return key.retiresAt !== null && at(key.retiresAt) <= now.getTime();
}

/** Keys a verifier should know: all that are not retired (a key published ahead included). */
export function publishedKeys(ring: KeyRing | undefined, now: Date): PublicSigningKey[] {
  return (ring?.keys ?? []).filter((k) => !isRetired(k, now));
}

/** The ring after a rotation at `now`, or undefined when the newest key is not yet due to be succeeded. */
export function rotated(ring: KeyRing | undefined, now: Date, settings: RotationSettings, x: (kid: number) => string): KeyRing | undefined {
  const keys = ring?.keys ?? [];
  const newest = [...keys].sort((a, b) => at(b.signsFrom) - at(a.signsFrom))[0];
  const due = !newest || at(newest.signsFrom) + settings.rotateAfterDays * DAY_MS <= now.getTime();
  if (!due) return undefined;
  // Kids go round 1-255: at one key a quarter, a kid comes back after sixty years, its old key long retired.
  const kid = newest ? (newest.kid % 255) + 1 : 1;
  // The first key signs at once: nothing was signed before it, so no verifier can be behind.
  const signsFrom = newest ? new Date(now.getTime() + settings.publishAheadMinutes * 60_000).toISOString() : now.toISOString();
  const ended = keys
    .filter((k) => k.kid !== kid)
    .map((k) => (k === newest ? { ...k, signsUntil: signsFrom, retiresAt: new Date(at(signsFrom) + settings.verifyForDays * DAY_MS).toISOString() } : k));
  return {
    version: (ring?.version ?? 0) + 1,
    changedAt: now.toISOString(),
    keys: [...ended, { kid, x: x(kid), createdAt: now.toISOString(), signsFrom, signsUntil: null, retiresAt: null }],
  };
}

/** The ring as a JSON Web Key Set (RFC 7517, OKP keys of RFC 8037): the keys a verifier should know. */
export function jwksOf(ring: KeyRing | undefined, now: Date) {
  return {
    keys: publishedKeys(ring, now).map((k) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: k.x,
      kid: String(k.kid),
      use: 'sig',
      alg: 'EdDSA',
      // Not JWK members of their own: when the key signs and until when it verifies.
      signsFrom: k.signsFrom,
      ...(k.signsUntil ? { signsUntil: k.signsUntil } : {}),
      ...(k.retiresAt ? { retiresAt: k.retiresAt } : {}),
    })),
  };
}
