import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { SigningKeys } from '#shared/services/signing/signing-keys.ts';
import { jwksOf, signingKeyOf, type KeyRing } from '#shared/signing/key-ring.ts';
import { fileVault } from '#shared/signing/file-vault.ts';
import { memoryVault } from '#shared/signing/key-vault.ts';
import type { SigningKeyStore } from '#shared/store/signing-key-store.ts';
import { sign, verify } from 'node:crypto';

const SETTINGS = { rotateAfterDays: 90, verifyForDays: 400, publishAheadMinutes: 10 };
const DAY = 86_400_000;
const T0 = new Date('2027-01-10T00:00:00Z');
const after = (days: number, minutes = 0) => new Date(T0.getTime() + days * DAY + minutes * 60_000);

/** The table's conditional put, in memory: a version is written once. */
function memoryStore(): SigningKeyStore & { versions: KeyRing[] } {
  const versions: KeyRing[] = [];
  return {
    versions,
    latest: () => Promise.resolve(versions.at(-1)),
    put: (ring) => {
      if (versions.some((v) => v.version === ring.version)) return Promise.resolve(false);
      versions.push(structuredClone(ring));
      return Promise.resolve(true);
    },
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('barcode signing keys', () => {
  it('makes the first key at once, the next after 90 days published ten minutes ahead, and retires the old one 400 days after it stopped signing', async () => {
    const store = memoryStore();
    const vault = memoryVault();
    expect(await rotateSigningKeys(store, vault, T0, SETTINGS)).toEqual({ rotated: true, version: 1, kid: 1 });
    expect(signingKeyOf(await store.latest(), T0)?.kid).toBe(1);
    expect(await rotateSigningKeys(store, vault, after(89), SETTINGS)).toEqual({ rotated: false, version: 1, kid: 1 });

    expect(await rotateSigningKeys(store, vault, after(90), SETTINGS)).toEqual({ rotated: true, version: 2, kid: 2 });
    const ring = (await store.latest())!;
    // Published, not yet signing: every verifier knows key 2 before a barcode carries it.
    expect(signingKeyOf(ring, after(90, 9))?.kid).toBe(1);
    expect(signingKeyOf(ring, after(90, 10))?.kid).toBe(2);
    expect(jwksOf(ring, after(90)).keys.map((k) => k.kid)).toEqual(['1', '2']);
    expect(jwksOf(ring, after(90 + 400, 9)).keys.map((k) => k.kid)).toEqual(['1', '2']);
    expect(jwksOf(ring, after(90 + 400, 10)).keys.map((k) => k.kid)).toEqual(['2']);
    expect((await vault.read()).map((k) => k.kid)).toEqual([1, 2]);
  });

  it("drops a retired key's private half at the next rotation; its public half stays to say it retired", async () => {
    const store = memoryStore();
    const vault = memoryVault();
    // Daily, as the schedule runs: a key is due 90 days after it started signing, taken the next day.
    for (let day = 0; day <= 560; day++) await rotateSigningKeys(store, vault, after(day), SETTINGS);
    const ring = (await store.latest())!;
    expect(ring.keys.map((k) => [k.kid, k.signsFrom.slice(0, 10)])).toEqual([[1, '2027-01-10'], [2, '2027-04-10'], [3, '2027-07-10'], [4, '2027-10-09'], [5, '2028-01-08'], [6, '2028-04-08'], [7, '2028-07-08']]);
    // Key 1 retired 400 days after 10 April 2027; key 2 retires 400 days after 10 July 2027.
    expect((await vault.read()).map((k) => k.kid)).toEqual([2, 3, 4, 5, 6, 7]);
    const keys = new SigningKeys(store, () => vault, 60_000);
    const verifiers = await keys.verifiers(after(560));
    expect(verifiers.find((k) => k.kid === 1)?.retired).toBe(true);
    expect(verifiers.find((k) => k.kid === 2)?.retired).toBe(false);
  });

  it('two rotations at once write one key, and the key that signs has its private half', async () => {
    const store = memoryStore();
    const vault = memoryVault();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => rotateSigningKeys(store, vault, T0, SETTINGS)));
    expect(outcomes.filter((o) => o.rotated)).toHaveLength(1);
    expect(store.versions).toHaveLength(1);
    const signer = await new SigningKeys(store, () => vault, 60_000).signer(T0);
    expect(signer.kid).toBe(1);
    const data = Buffer.from('bytes 1-65');
    const [verifying] = await new SigningKeys(store, () => vault, 60_000).verifiers(T0);
    expect(verify(null, data, verifying!.publicKey, sign(null, data, signer.privateKey))).toBe(true);
  });

  it('signs with the previous key while the vault lacks the newest, and refuses with 503 when it has none', async () => {
    const store = memoryStore();
    const vault = memoryVault();
    await rotateSigningKeys(store, vault, T0, SETTINGS);
    await rotateSigningKeys(store, vault, after(90), SETTINGS);
    await vault.write((await vault.read()).filter((k) => k.kid !== 2));
    expect((await new SigningKeys(store, () => vault, 60_000).signer(after(91))).kid).toBe(1);
    await vault.write([]);
    await expect(new SigningKeys(store, () => vault, 60_000).signer(after(91))).rejects.toMatchObject({ status: 503, code: 'signing-key-missing' });
  });

  it('looks the ring up again for a key it does not know yet, and keeps it a minute otherwise', async () => {
    const store = memoryStore();
    const vault = memoryVault();
    await rotateSigningKeys(store, vault, T0, SETTINGS);
    // A clock that never moves: what the function keeps, it keeps.
    const keys = new SigningKeys(store, () => vault, 60_000, () => 0);
    expect((await keys.verifiers(T0)).map((k) => k.kid)).toEqual([1]);
    await rotateSigningKeys(store, vault, after(90), SETTINGS);
    expect((await keys.verifiers(after(90))).map((k) => k.kid)).toEqual([1]);
    expect((await keys.verifiers(after(90), 2)).map((k) => k.kid)).toEqual([1, 2]);
    expect((await keys.jwks(after(90))).version).toBe(2);
  });

  it("keeps the local vault in a file only its owner reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    dirs.push(dir);
    const file = join(dir, 'keys', 'signing-keys.json');
    const store = memoryStore();
    await rotateSigningKeys(store, fileVault(file), T0, SETTINGS);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await fileVault(file).read()).map((k) => k.kid)).toEqual([1]);
    expect(await fileVault(join(dir, 'none.json')).read()).toEqual([]);
  });
});
