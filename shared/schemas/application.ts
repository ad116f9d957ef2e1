import * as z from 'zod';
import { CHANNELS } from './application-request.ts';
import { enpNumber, instant, isoDate, recordId } from './common.ts';
import { policyInsurer } from './policy.ts';

/** What the filing answers, and an application as it is read back (the request: `application-request.ts`). */

export const APPLICATION_STATUSES = ['awaiting_number', 'number_assigned', 'completed'] as const;

export const applicationSchema = z
  .object({
    id: recordId,
    personId: recordId,
    channel: z.enum([...CHANNELS, 'registry']).meta({ description: '`registry`: a newborn registered from the civil registry, with no application.' }),
    region: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    submittedAt: instant,
    numberDueAt: instant.meta({ description: 'End of the next working day in the region.' }),
    numberAssignedAt: instant.optional(),
    enp: z.optional(enpNumber),
    completedAt: instant.optional().meta({ description: 'When the permanent e-policy replaced the temporary one.' }),
  })
  .meta({ id: 'Application' });

export const temporaryPolicySchema = z
  .object({
    id: recordId,
    form: z.literal('В').meta({ description: 'Policy form code: В temporary certificate.' }),
    status: z.enum(['active']),
    validFrom: isoDate,
    validTo: isoDate,
    insurer: policyInsurer,
    region: z.string(),
  })
  .meta({ id: 'TemporaryPolicy' });

export const leafletSchema = z
  .object({
    rulesOfUse: z.array(z.string()),
    freeCare: z.array(z.string()),
  })
  .meta({ id: 'Leaflet', description: 'Given with the temporary policy: how to use it and the care it gives free.' });

export const applicationCreatedSchema = z
  .object({ application: applicationSchema, temporaryPolicy: temporaryPolicySchema, leaflet: leafletSchema })
  .meta({ id: 'ApplicationCreated' });
export type ApplicationCreated = z.infer<typeof applicationCreatedSchema>;
export type ApplicationView = z.infer<typeof applicationSchema>;
