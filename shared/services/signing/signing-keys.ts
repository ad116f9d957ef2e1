import { createPublicKey } from 'node:crypto';
import type { SigningKey, VerifyingKey } from '../../barcode/index.ts';
import { Problem } from '../../domain/problem.ts';
import { isRetired, jwksOf, signingKeyOf, type KeyRing } from '../../signing/key-ring.ts';
import { privateKeyObject, type KeyVault, type PrivateSigningKey } from '../../signing/key-vault.ts';
import type { SigningKeyStore } from '../../store/signing-key-store.ts';

const noKey = () =>
  new Problem({ status: 503, code: 'signing-key-missing', title: 'No signing key yet', detail: 'The register has no barcode signing key yet: its deploy step or key rotation has not run.' });

/**
 * The barcode signing keys as the services use them. The public ring comes from the table and is
 * kept a while (`ttlMs`), like a catalogue; a kid it does not know is looked up once more fresh, so a
 * key published a moment ago is never mistaken for someone else's. The private keys come from the
 * vault, read once per process and again only when the ring names a key the process lacks.
 */
export class SigningKeys {
  private ring?: { at: number; value: Promise<KeyRing | undefined> };
  private secrets?: Promise<PrivateSigningKey[]>;

  constructor(
    readonly store: SigningKeyStore,
    /** The vault, made on first use: a function that only verifies never has one. */
    readonly vault: () => KeyVault,
    private readonly ttlMs: number,
    private readonly ticks: () => number = () => performance.now(),
  ) {}

  current(fresh = false): Promise<KeyRing | undefined> {
    if (!fresh && this.ring && this.ticks() - this.ring.at < this.ttlMs) return this.ring.value;
    const entry = { at: this.ticks(), value: this.store.latest() };
    this.ring = entry;
    entry.value.catch(() => this.ring === entry && (this.ring = undefined));
    return entry.value;
  }

  /**
   * The key that signs now, with its private half. Should the vault lack it (a rotation racing
   * another replaced the vault), the key before it signs: it still verifies.
   */
  async signer(now: Date): Promise<SigningKey> {
    let ring = await this.current();
    // No key in what the function keeps (it read the ring before the first key was made): look again.
    if (!signingKeyOf(ring, now)) ring = await this.current(true);
    const candidates = [signingKeyOf(ring, now), ...(ring?.keys ?? []).filter((k) => k.signsUntil !== null && !isRetired(k, now)).sort((a, b) => Date.parse(b.signsFrom) - Date.parse(a.signsFrom))];
    for (const reread of [false, true]) {
      if (reread) this.secrets = undefined;
      const held = await this.privateKeys();
      for (const key of candidates) {
        const secret = key && held.find((k) => k.kid === key.kid && k.x === key.x);
        if (secret) return { kid: secret.kid, privateKey: privateKeyObject(secret) };
      }
    }
    throw noKey();
  }

  /** Every key of the ring with its public half, retired ones marked; fresh when `kid` is not among them. */
  async verifiers(now: Date, kid?: number): Promise<VerifyingKey[]> {
    let ring = await this.current();
    if (kid !== undefined && !ring?.keys.some((k) => k.kid === kid)) ring = await this.current(true);
    return (ring?.keys ?? []).map((k) => ({ kid: k.kid, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }), retired: isRetired(k, now) }));
  }

  async jwks(now: Date): Promise<{ version: number; document: ReturnType<typeof jwksOf> }> {
    const ring = await this.current();
    return { version: ring?.version ?? 0, document: jwksOf(ring, now) };
  }

  private privateKeys(): Promise<PrivateSigningKey[]> {
    const value = (this.secrets ??= this.vault().read());
    value.catch(() => this.secrets === value && (this.secrets = undefined));
    return value;
  }
}
