import * as z from 'zod';

/** One public key of the barcode signatures (RFC 8037: an Ed25519 key as an OKP JWK). */
const signingKeySchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().meta({ description: 'The public key, base64url.' }),
    kid: z.string().meta({ description: "The key's number, 1-255: the first byte of a barcode's signature field." }),
    use: z.literal('sig'),
    alg: z.literal('EdDSA'),
    signsFrom: z.iso.datetime().meta({ description: 'From when barcodes are signed with it (a key is published before).' }),
    signsUntil: z.iso.datetime().optional().meta({ description: 'When its successor took over.' }),
    retiresAt: z.iso.datetime().optional().meta({ description: 'When it stops verifying: a barcode it signed is refused after.' }),
  })
  .meta({ id: 'SigningKey' });

export const signingKeySetSchema = z.object({ keys: z.array(signingKeySchema) }).meta({ id: 'SigningKeySet', description: 'A JSON Web Key Set (RFC 7517) of the keys a verifier should know.' });
