import { z } from 'zod';
import { LocalizedText } from '../localized-text';
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
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ApiError = z.object({
  error: z.string().describe('machine-readable code, e.g. bad_request, unauthorized, forbidden, not_found'),
  message: z.string(),
  issues: z.array(z.string()).optional(),
  messages: LocalizedText.optional().describe(
    'the message in each language, where the server words it in both',
  ),
});
export type ApiError = z.infer<typeof ApiError>;
