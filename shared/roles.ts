import { z } from 'zod';

/** Store-level roles, in increasing order of what they may do. */
export const Role = z.enum(['staff', 'technician', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

/** The display's board is read-only and needs no login; it runs with this role's token. */
export const DISPLAY_ROLE = 'display' as const;
export const SessionRole = z.enum([...Role.options, DISPLAY_ROLE]);
export type SessionRole = z.infer<typeof SessionRole>;
