import * as z from 'zod';
import { EVENT_KINDS } from '../store/records.ts';
import { instant } from './common.ts';

const change = z.object({ from: z.string().nullable().optional(), to: z.string().nullable().optional() });

/** A history entry as a viewer sees it: fields its role may not see are left out. */
export const historyEntrySchema = z
  .object({
    at: instant,
    kind: z.enum(EVENT_KINDS),
    code: z.string().optional().meta({ description: 'Federal register event code (П010, П060, П025, П061, ...), or the register\'s own: `R025` for a resumption, `R010` for a newborn registered from the civil registry, `R061` for a new document, SNILS, address or contacts, `R071`-`R073` for complaints.' }),
    channel: z.enum(['portal', 'mfc', 'insurer', 'registry', 'system']),
    complaintId: z.string().optional().meta({ description: 'The complaint an entry of a complaint (R071 filed, R072 closed, R073 overdue) is about.' }),
    changes: z.record(z.string(), change).optional().meta({ description: 'What changed: status, region, insurer, form, validity.' }),
    reason: z.string().optional(),
    catalogueVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: 'The catalogue version a clinic or doctor code refers to (`GET /catalogues/...?version=`), so the entry keeps its meaning after the catalogue changes.' }),
    actor: z
      .object({ subject: z.string(), roles: z.array(z.string()), region: z.string().optional(), insurerId: z.string().optional(), clinicId: z.string().optional() })
      .optional()
      .meta({ description: 'Who made the change (absent for the register\'s own steps).' }),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntryView = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({ items: z.array(historyEntrySchema), next: z.string().optional() }).meta({ id: 'HistoryPage' });
