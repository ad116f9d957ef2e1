import * as z from 'zod/mini';
import './zod-messages.ts';

/**
 * The register's identifiers, as paths, queue messages and bodies carry them. Like every schema a
 * handler parses a small request with, built with zod's light entry point and apart from the
 * schemas of answers (which carry date rules and their library), so that a function's bundle
 * carries only what it parses. The metadata is the OpenAPI document's.
 */

/** ULIDs: sortable by time, opaque to the caller. */
export const recordId = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a register id.'))
  .register(z.globalRegistry, { example: '01KAT8D4R0X1Z9E3JH2Q7M5V6B' });

/** An ЕНП: 16 digits. */
export const enpNumber = z
  .string()
  .check(z.regex(/^\d{16}$/))
  .register(z.globalRegistry, { example: '7851000840000199' });
