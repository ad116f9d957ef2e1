import { rotated, type KeyRing, type RotationSettings } from '../../signing/key-ring.ts';
import { newSigningKey, type KeyVault, type PrivateSigningKey } from '../../signing/key-vault.ts';
import type { SigningKeyStore } from '../../store/signing-key-store.ts';

const DAY_MS = 86_400_000;

export interface RotationOutcome {
  rotated: boolean;
  /** The ring's version after the run, and the kid that signs newest. */
  version: number;
  kid?: number;
}

/**
 * Rotates the barcode signing keys when the newest is due (and makes the first one): the private
 * half goes into the vault first, then the public ring's next version is written on condition
 * that no other run wrote it; a run that loses reads again and finds nothing due. The vault has no
 * conditional write, so a winner makes sure its key is still there afterwards (a loser's write may
 * have replaced the vault meanwhile). The vault keeps the keys the ring still verifies with and
 * any made in the last day (another run's, in flight); a retired key's private half is dropped.
 */
export async function rotateSigningKeys(store: SigningKeyStore, vault: KeyVault, now: Date, settings: RotationSettings): Promise<RotationOutcome> {
  for (let round = 0; round < 4; round++) {
    const ring = await store.latest(true);
    const made = new Map<number, ReturnType<typeof newSigningKey>>();
    const next = rotated(ring, now, settings, (kid) => {
      const key = newSigningKey(kid, now);
      made.set(kid, key);
      return key.x;
    });
    if (!next) return { rotated: false, version: ring?.version ?? 0, kid: newestKid(ring) };
    const live = (k: PrivateSigningKey) =>
      Date.parse(k.createdAt) > now.getTime() - DAY_MS || next.keys.some((p) => p.kid === k.kid && p.x === k.x && (p.retiresAt === null || Date.parse(p.retiresAt) > now.getTime()));
    await vault.write([...(await vault.read()).filter(live), ...made.values()]);
    if (await store.put(next)) {
      const held = await vault.read();
      const lost = [...made.values()].filter((m) => !held.some((k) => k.x === m.x));
      if (lost.length > 0) await vault.write([...held, ...lost]);
      return { rotated: true, version: next.version, kid: newestKid(next) };
    }
  }
  throw new Error('signing keys: four rotations in a row lost to others');
}

function newestKid(ring: KeyRing | undefined): number | undefined {
  return ring?.keys.reduce<(typeof ring.keys)[number] | undefined>((a, k) => (!a || k.signsFrom > a.signsFrom ? k : a), undefined)?.kid;
}
