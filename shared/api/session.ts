import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { Permission } from '../permissions';
import { SessionRole } from '../roles';

export const SessionRequest = z.object({
  user: z.string().min(1),
  pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4–8 digits'),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionResponse = z.object({
  token: z.string(),
  role: SessionRole.describe("the user's role in the store config"),
  roles: z
    .array(SessionRole)
    .optional()
    .describe(
      'the roles the store config adds to `role`, when it adds any; the session may do what any of them may',
    ),
  userId: z.string(),
  name: z.string(),
  expiresAt: z.number().int(),
  permissions: z
    .array(Permission)
    .optional()
    .describe(
      'every permission the roles held grant together (shared/permissions-table.ts); a screen offers only these. ' +
        'Always sent by this edge; absent from older ones, where the roles say the same through the table',
    ),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ApiError = z.object({
  error: z.string().describe('machine-readable code, e.g. bad_request, unauthorized, forbidden, not_found'),
  message: z.string(),
  issues: z.array(z.string()).optional(),
  messages: LocalizedText.optional().describe(
    'the message in each language, where the server words it in both',
  ),
  permission: Permission.optional().describe('on a 403 for a missing permission: the permission needed'),
  allowedRoles: z
    .array(SessionRole)
    .optional()
    .describe('on a 403 for a missing permission: the roles that hold it'),
  rule: z
    .string()
    .optional()
    .describe('on a 403 that keeps duties apart: the segregation-of-duties rule, e.g. requester_approves'),
});
export type ApiError = z.infer<typeof ApiError>;
