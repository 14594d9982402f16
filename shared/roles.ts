import { z } from 'zod';

/** Store-level roles, in increasing order of what they may do. */
export const Role = z.enum(['staff', 'technician', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

/** The display's board is read-only and needs no login; it runs with this role's token. */
export const DISPLAY_ROLE = 'display' as const;
/**
 * A POS integration calling over HTTP Basic (its username and secret of the store
 * config's `integrations`, holding `apiRoles: [pos]`); it never gets a session token.
 */
export const POS_ROLE = 'pos' as const;
export const SessionRole = z.enum([...Role.options, DISPLAY_ROLE, POS_ROLE]);
export type SessionRole = z.infer<typeof SessionRole>;

/** Who holds roles: a store user has `role` and may add `roles`. */
export interface RoleHolder {
  role: Role;
  roles?: readonly Role[] | undefined;
}

/** Every role a user holds, `role` and the added `roles`, weakest first and each once. */
export function heldRoles(holder: RoleHolder): Role[] {
  const held = new Set<Role>([holder.role, ...(holder.roles ?? [])]);
  return Role.options.filter((role) => held.has(role));
}

/**
 * The role a user acts as: the strongest held. Each role may do what the ones below it
 * may, so acting as the strongest honours every role the user holds.
 */
export function actingRole(holder: RoleHolder): Role {
  const held = heldRoles(holder);
  return held[held.length - 1] ?? holder.role;
}
