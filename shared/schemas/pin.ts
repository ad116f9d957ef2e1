import * as z from 'zod';

/** A PIN shown once: the answer of showing it, or of an office issuing a new one. */
export const pinShownSchema = z.object({ pin: z.string().regex(/^\d{6}$/), issuedAt: z.string() }).meta({ id: 'Pin' });
