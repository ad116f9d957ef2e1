import * as z from 'zod';
import { enpNumber, isoDate, recordId } from './common.ts';

export const policyViewSchema = z
  .object({
    personId: recordId,
    enp: z.nullable(enpNumber).meta({ description: 'Null until the number is assigned (within one working day).' }),
    form: z.enum(['В', 'П', 'Э', 'К']),
    status: z.enum(['active', 'suspended', 'ended']),
    validFrom: isoDate,
    validTo: isoDate.nullable().meta({ description: 'Null for no end.' }),
    insurer: z.object({ id: z.string(), name: z.string(), phone: z.string() }),
    region: z.object({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Policy' });
export type PolicyView = z.infer<typeof policyViewSchema>;
