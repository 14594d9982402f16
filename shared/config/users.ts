import { z } from 'zod';
import { SlugId } from '../ids';
import { Role } from '../roles';

export const HASH_FORMAT_HINT = 'a hash from `galley hash-secret`, never the PIN or secret itself';

export const StoreUser = z.strictObject({
  id: SlugId,
  name: z.string().min(1),
  role: Role,
  roles: z.array(Role).optional().describe('roles added to `role`; the user may do what any role held may'),
  pinHash: z.string().regex(/^scrypt\$/, HASH_FORMAT_HINT),
  pinLength: z
    .number()
    .int()
    .min(4)
    .max(8)
    .optional()
    .describe(
      "digits in this user's PIN: the display sends the PIN as soon as that many are in; without it the user taps OK (only the hash is kept, so the length cannot be read from it)",
    ),
});
export type StoreUser = z.infer<typeof StoreUser>;
