import * as z from 'zod';

export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:oms-register:problem:validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable machine-readable reason.' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string().meta({ example: '/person/snils' }), code: z.string(), detail: z.string() }))
      .optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });
