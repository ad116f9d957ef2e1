import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSignature, decodePolicyPayload, holderMatches, payloadBytes, signedPolicyPayload, type PayloadHolder } from '#shared/barcode/index.ts';
import { barcodeKey } from '../../support/barcode-keys.ts';

const register = barcodeKey(1);
const holder: PayloadHolder = { enp: '7851000840000199', lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович', sex: 'male', birthDate: '1999-08-09', validTo: null };

describe('the barcode API, as a clinic uses it', () => {
  it('reads the scanned text, the fields and who signed it', () => {
    const { bytes } = signedPolicyPayload(holder, register.signing);
    const scanned = payloadBytes(Buffer.from(bytes).toString('base64'));
    expect(checkSignature(scanned, [register.verifying])).toEqual({ outcome: 'register', kid: 1 });
    expect(decodePolicyPayload(scanned)).toMatchObject({ structure: 2, enp: holder.enp, lastName: 'ИВАНОВ', firstName: 'ИВАН', middleName: 'ИВАНОВИЧ' });
    expect(holderMatches(decodePolicyPayload(scanned), holder)).toBe(true);
  });

  it('needs nothing but node:crypto, all the way down, so that it runs offline in a clinic', () => {
    const seen = new Set<string>();
    const outside = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!));
        else outside.add(specifier!);
      }
    };
    visit(fileURLToPath(new URL('../../../shared/barcode/index.ts', import.meta.url)));
    expect([...outside]).toEqual(['node:crypto']);
    expect([...seen].filter((f) => f.includes('/shared/domain/')).map((f) => f.replace(/.*\/shared\//, '')).sort()).toEqual(['domain/enp.ts', 'domain/local-date.ts']);
  });
});
