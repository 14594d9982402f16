import { z } from 'zod';

/** One refused action as `GET /api/access-audit` lists it, newest first. */
export const AccessAuditEntry = z.object({
  id: z.number().int(),
  at: z.number().int().describe('epoch ms'),
  userId: z.string().describe('the person, or `display:<id>` / `integration:<name>`'),
  roles: z.array(z.string()).describe('the roles the caller held'),
  action: z.string().describe('the permission missing, or the segregation-of-duties rule'),
  subject: z.string().describe('what was asked: `METHOD /route`, or a document such as `stock-purchase:12`'),
  reason: z.string().describe('why, in English'),
});
export type AccessAuditEntry = z.infer<typeof AccessAuditEntry>;
export const AccessAuditList = z.array(AccessAuditEntry);

export const AccessAuditQuery = z.strictObject({
  userId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AccessAuditQuery = z.infer<typeof AccessAuditQuery>;
