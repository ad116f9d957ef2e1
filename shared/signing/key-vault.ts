import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The private half of a signing key, as the vault keeps it (JWK members, base64url). */
export interface PrivateSigningKey {
  kid: number;
  x: string;
  d: string;
  createdAt: string;
}

/**
 * Where the private keys live: a Secrets Manager secret in the cloud (`secret-vault.ts`), a file
 * under `.local/` on this machine (`file-vault.ts`). Only the functions that sign or rotate read
 * it; verifiers read the public ring from the table.
 */
export interface KeyVault {
  read(): Promise<PrivateSigningKey[]>;
  write(keys: PrivateSigningKey[]): Promise<void>;
}

export function newSigningKey(kid: number, now: Date): PrivateSigningKey {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kid, x: jwk.x!, d: jwk.d!, createdAt: now.toISOString() };
}

export function privateKeyObject(key: PrivateSigningKey): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x, d: key.d }, format: 'jwk' });
}

/** The vault's stored form: `{"keys": [...]}`; anything else in it (the secret's first random value) is ignored. */
export function parseVault(text: string | undefined): PrivateSigningKey[] {
  if (!text) return [];
  const parsed = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(parsed.keys)) return [];
  return parsed.keys.filter((k): k is PrivateSigningKey => typeof k === 'object' && k !== null && typeof (k as PrivateSigningKey).kid === 'number' && typeof (k as PrivateSigningKey).d === 'string');
}

/** A vault in memory, for tests and the mocked register. */
export function memoryVault(initial: PrivateSigningKey[] = []): KeyVault {
  let keys = initial;
  return {
    read: () => Promise.resolve(keys),
    write: (next) => {
      keys = next;
      return Promise.resolve();
    },
  };
}
