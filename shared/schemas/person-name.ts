import * as z from 'zod/mini';
import './zod-messages.ts';

/** A name as a person writes it (one of their names): letters, then letters, spaces, hyphens, apostrophes or dots. With zod's light entry point (see `identifiers.ts`). */
export const personName = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(60), z.regex(/^\p{L}[\p{L}\p{M}'’ .-]*$/u, 'Letters, spaces, hyphens, apostrophes and dots only.'));
