import * as z from 'zod';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, FORWARD_BODIES } from '../../domain/complaints/complaint-rules.ts';
import { instant, isoDate, recordId } from '../common.ts';

/** A complaint as the person, its insurer and the fund see it. */
export const complaintSchema = z
  .object({
    complaintId: recordId,
    personId: recordId,
    insurerId: z.string().meta({ description: 'The insurer it was routed to: the person\'s insurer when it was filed.' }),
    region: z.string(),
    kind: z.enum(COMPLAINT_KINDS),
    clinicCode: z.string(),
    incidentOn: isoDate,
    text: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    receivedAt: instant,
    dueAt: instant.meta({ description: 'The answer is due by then (30 days after receipt by default).' }),
    overdue: z.boolean().meta({ description: 'Open past its due instant.' }),
    version: z.number().int(),
    takenAt: instant.optional(),
    answer: z.object({ text: z.string(), at: instant }).optional().meta({ description: 'The insurer\'s answer (or, when forwarded, what the person is told).' }),
    forwardedTo: z.enum(FORWARD_BODIES).optional(),
    closedAt: instant.optional(),
  })
  .meta({ id: 'Complaint' });
export type ComplaintView = z.infer<typeof complaintSchema>;

export const complaintPageSchema = z.object({ items: z.array(complaintSchema), next: z.string().optional() }).meta({ id: 'ComplaintPage' });

export const overdueCountsSchema = z
  .object({
    items: z.array(
      z.object({
        insurerId: z.string(),
        region: z.string(),
        open: z.number().int().meta({ description: 'Complaints received and not yet answered or forwarded.' }),
        overdue: z.number().int().meta({ description: 'Of those, past their due instant (flagged by the hourly job).' }),
      }),
    ),
  })
  .meta({ id: 'ComplaintCounts' });
export type OverdueCounts = z.infer<typeof overdueCountsSchema>;
