import { z } from 'zod';

/**
 * Store-level roles. The desk roles come first: receiver (收货), purchaser (采购) and
 * finance (财务) each add one job's permissions and rank below everyone, so a cook who
 * also receives deliveries still acts as staff. Then the ladder staff < technician <
 * manager (店长) < admin, each may do what the ones below it may. What a role may do is
 * the permission table's to say (shared/permissions.ts), never this order.
 */
export const Role = z.enum(['receiver', 'purchaser', 'finance', 'staff', 'technician', 'manager', 'admin']);
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

/** Names of the roles for screens and refusals, in both languages. */
export const ROLE_NAMES: Record<SessionRole, { en: string; 'zh-CN': string }> = {
  receiver: { en: 'receiver', 'zh-CN': '收货员' },
  purchaser: { en: 'purchaser', 'zh-CN': '采购' },
  finance: { en: 'finance', 'zh-CN': '财务' },
  staff: { en: 'staff', 'zh-CN': '员工' },
  technician: { en: 'technician', 'zh-CN': '维修技师' },
  manager: { en: 'store manager', 'zh-CN': '店长' },
  admin: { en: 'admin', 'zh-CN': '管理员' },
  display: { en: 'kitchen display', 'zh-CN': '厨房显示屏' },
  pos: { en: 'POS', 'zh-CN': '收银系统' },
};

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
 * The role a user acts as where a domain still reasons by rank (a ticket's lifecycle):
 * the strongest held. Permissions never depend on it: they are met by any role held.
 */
export function actingRole(holder: RoleHolder): Role {
  const held = heldRoles(holder);
  return held[held.length - 1] ?? holder.role;
}
