import * as z from 'zod';

/** Where a token keeps who the caller is, their roles and their scope. */
export const claimNamesSchema = z.object({
  subject: z.string().min(1),
  roles: z.string().min(1),
  region: z.string().min(1),
  insurerId: z.string().min(1),
  clinicId: z.string().min(1),
  snils: z.string().min(1),
});
export type ClaimNames = z.infer<typeof claimNamesSchema>;

/**
 * The stack's Cognito pool: roles are its groups, scopes are custom attributes that only
 * administrators can write. Claims outside these names are ignored, whatever they say.
 */
export const COGNITO_CLAIMS: ClaimNames = {
  subject: 'sub',
  roles: 'cognito:groups',
  region: 'custom:region',
  insurerId: 'custom:insurer_id',
  clinicId: 'custom:clinic_id',
  snils: 'custom:snils',
};
