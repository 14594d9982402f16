import { z } from 'zod';
import { SlugId } from '../ids';
import { Role } from '../roles';

export const HASH_FORMAT_HINT = 'a hash from `galley hash-secret`, never the PIN or secret itself';

export const StoreUser = z.object({
  id: SlugId,
  name: z.string().min(1),
  role: Role,
  pinHash: z.string().regex(/^scrypt\$/, HASH_FORMAT_HINT),
});
export type StoreUser = z.infer<typeof StoreUser>;
