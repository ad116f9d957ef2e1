import * as z from 'zod';
import { CARE_KINDS } from '../domain/care/care-rules.ts';
import { instant, isoDate, recordId } from './common.ts';

import { problemSchema } from './problem.ts';

/** A care event as its viewer sees it: the insurer's own event id only for insurers and the fund. */
export const careEventSchema = z
  .object({
    id: z.string().meta({ description: "The register's id of the event (a ULID)." }),
    personId: recordId,
    date: isoDate,
    clinicCode: z.string(),
    clinicCatalogueVersion: z.number().int().meta({ description: 'The clinics catalogue version the code was found in (`GET /catalogues/clinics?version=`).' }),
    kind: z.enum(CARE_KINDS),
    diagnosisGroup: z.string().meta({ description: 'ICD-10 category or block.' }),
    insurerId: z.string().meta({ description: 'The insurer that insured the person on that day and reported it.' }),
    insurerEventId: z.string().optional().meta({ description: "The insurer's own id of the event (insurers and the fund)." }),
    recordedAt: instant,
  })
  .meta({ id: 'CareEvent' });
export type CareEventView = z.infer<typeof careEventSchema>;

export const careHistoryPageSchema = z.object({ items: z.array(careEventSchema), next: z.string().optional() }).meta({ id: 'CareHistoryPage' });

/** One item of a batch: made, made before (the same id and facts), or refused with the problem it would have answered alone. */
export const careBatchResultSchema = z
  .object({
    results: z.array(
      z.object({
        index: z.number().int().meta({ description: 'Its place in `events`.' }),
        status: z.enum(['created', 'replayed', 'refused']),
        event: careEventSchema.optional().meta({ description: 'Created or replayed: the event.' }),
        problem: problemSchema.optional().meta({ description: 'Refused: the problem, its pointers into the batch (`/events/3/date`).' }),
      }),
    ),
    created: z.number().int(),
    replayed: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'CareBatchResult' });
export type CareBatchResult = z.infer<typeof careBatchResultSchema>;
