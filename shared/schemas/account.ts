import * as z from 'zod';
import { enpNumber, instant, isoDate, recordId } from './common.ts';
import { choicesShape } from './choices.ts';
import { historyEntrySchema } from './history.ts';
import { policyInsurer, policyRegion, policyStatus, suspensionSchema } from './policy.ts';

/** Everything the personal account shows, from one read of the person's records. */
export const accountSchema = z
  .object({
    personId: recordId,
    enp: z.nullable(enpNumber),
    policy: z
      .object({ form: z.enum(['В', 'П', 'Э', 'К']), status: policyStatus, validFrom: isoDate, validTo: isoDate.nullable() })
      .nullable(),
    insurer: policyInsurer,
    region: policyRegion,
    ...choicesShape,
    suspension: suspensionSchema.nullable(),
    pin: z
      .object({ issuedAt: instant, shown: z.boolean().meta({ description: 'False until it is read once (`POST /persons/{personId}/pin/reveal`).' }) })
      .nullable()
      .meta({ description: 'The PIN that came with the e-policy; null before.' }),
    history: z.array(historyEntrySchema).meta({ description: 'The latest entries, newest first; the whole history is `GET /persons/{personId}/history`.' }),
    children: z.array(recordId).optional().meta({ description: 'For a citizen reading their own account: their children\'s records.' }),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof accountSchema>;
