import * as z from 'zod/mini';

/** Where a token keeps who the caller is, their roles and their scope. */
const name = () => z.string().check(z.minLength(1));
export const claimNamesSchema = z.object({ subject: name(), roles: name(), region: name(), insurerId: name(), clinicId: name(), snils: name() });
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
