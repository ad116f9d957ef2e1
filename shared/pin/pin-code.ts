import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PinHash } from '../store/records.ts';

/** A PIN is six digits: what a person can keep in mind, with wrong attempts limited by a lock. */
export const PIN_DIGITS = 6;

export function newPin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
}

export const isPinShaped = (pin: string) => new RegExp(`^\\d{${PIN_DIGITS}}$`).test(pin);

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost, r: blockSize, p: parallelism, maxmem: 256 * 2 ** cost * blockSize * parallelism };
  return new Promise((resolve, reject) => scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * scrypt (Node's own, from OpenSSL) with a random salt: slow on purpose, so a stolen table does not
 * give the PINs away cheaply. The cost travels with the hash, so it can rise without invalidating
 * the PINs already issued.
 */
export async function hashPin(pin: string, cost: number): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost, BLOCK_SIZE, PARALLELISM);
  return { algorithm: 'scrypt', cost, blockSize: BLOCK_SIZE, parallelism: PARALLELISM, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(pin, Buffer.from(stored.salt, 'base64'), stored.cost, stored.blockSize, stored.parallelism);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
