import * as z from 'zod';
import { regionCodes } from '../catalogues/regions.ts';
import { SUSPENSION_REASONS, TERMINATION_REASONS } from '../store/records.ts';
import { isoDate } from './common.ts';

export const suspensionRequestSchema = z
  .strictObject({
    reason: z.enum(SUSPENSION_REASONS),
    endsOn: isoDate.optional().meta({ description: 'Insurance resumes by itself on this day (e.g. the end of military service).' }),
  })
  .meta({ id: 'SuspensionRequest' });

export const terminationRequestSchema = z
  .strictObject({
    reason: z.enum(TERMINATION_REASONS).meta({ description: '`death` (П022), or the loss of the right to insurance.' }),
  })
  .meta({ id: 'TerminationRequest' });

export const regionChangeSchema = z
  .strictObject({
    region: z.enum(regionCodes).meta({ description: 'The region the person moves to.' }),
    insurerId: z.string().min(1).max(64).optional().meta({ description: 'An insurer of the new region; by default the current one if it works there, else the fund assigns one.' }),
  })
  .meta({ id: 'RegionChange' });

export const pinCheckSchema = z.strictObject({ pin: z.string().max(64) }).meta({ id: 'PinCheck' });
export const pinShownSchema = z.object({ pin: z.string().regex(/^\d{6}$/), issuedAt: z.string() }).meta({ id: 'Pin' });
