import * as z from 'zod';
import { enpNumber, instant, isoDate, recordId } from './common.ts';
import { identityDocumentSchema } from './application-request.ts';

/** A person's record as the API shows it; which fields a caller gets depends on its role. */
export const personViewSchema = z
  .object({
    personId: recordId,
    lastName: z.string().optional(),
    firstName: z.string().optional(),
    middleName: z.string().optional(),
    birthDate: isoDate.optional(),
    sex: z.enum(['male', 'female']).optional(),
    snils: z.string().optional(),
    documents: z.array(identityDocumentSchema).optional(),
    representative: z
      .object({ lastName: z.string(), firstName: z.string(), middleName: z.string().optional(), relation: z.string(), document: identityDocumentSchema })
      .optional(),
    contact: z.object({ phone: z.string().optional(), email: z.string().optional() }).optional(),
    address: z
      .object({
        region: z.string(),
        locality: z.string(),
        street: z.string().optional(),
        house: z.string().optional(),
        building: z.string().optional(),
        apartment: z.string().optional(),
        postalCode: z.string().optional(),
      })
      .optional(),
    category: z.string().optional(),
    region: z.string().optional(),
    insurerId: z.string().optional(),
    enp: z.nullable(enpNumber).optional(),
    coverageEnd: isoDate.nullable().optional(),
  })
  .meta({ id: 'Person', description: 'Fields the caller\'s role may not see are left out.' });
export type PersonView = z.infer<typeof personViewSchema>;

export const auditEntrySchema = z
  .object({
    at: instant,
    action: z.enum(['create', 'read', 'update']),
    operation: z.string(),
    actor: z.object({
      subject: z.string(),
      roles: z.array(z.string()),
      region: z.string().optional(),
      insurerId: z.string().optional(),
      clinicId: z.string().optional(),
    }),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), next: z.string().optional() })
  .meta({ id: 'AuditPage' });

export { auditQuerySchema } from './audit-query.ts';
