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

/**
 * A refusal's stable code and what it names, beside the English `message`, so a screen can
 * word it in its own language; a screen that does not know the code shows `message`.
 */
export const ApiRefusal = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/)
    .max(80)
    .describe('stable, dotted, e.g. rollout.stage_not_healthy; new codes may appear'),
  params: z
    .record(
      z.string().max(40),
      z.union([z.string().max(500), z.number(), z.array(z.string().max(200)).max(1000)]),
    )
    .describe('what the refusal names (a stage, a store, the stores waited on), by name'),
});
export type ApiRefusal = z.infer<typeof ApiRefusal>;

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
  refusal: ApiRefusal.optional().describe(
    "the refusal's stable code and parameters, where the server gives them",
  ),
});
export type ApiError = z.infer<typeof ApiError>;
