import * as z from 'zod/mini';
import './zod-messages.ts';

/** The query of an audit page (zod's light entry point: see `identifiers.ts`). */
export const auditQuerySchema = z.object({
  limit: z
    .optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)))
    .register(z.globalRegistry, { description: 'Page size, 50 by default.' }),
  cursor: z
    .optional(z.string().check(z.maxLength(400)))
    .register(z.globalRegistry, { description: 'The `next` of the previous page, unchanged (opaque, URL-safe).' }),
});
