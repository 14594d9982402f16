import type { CentralRole } from '../../../shared/central/api';

export const EVERYONE: readonly CentralRole[] = [
  'admin',
  'regional_manager',
  'technician',
  'regional_purchaser',
  'finance',
];
/** Who runs the kitchens' equipment: acknowledging an alarm or commenting on a repair is theirs, not purchasing's or finance's. */
export const OPERATIONS: readonly CentralRole[] = ['admin', 'regional_manager', 'technician'];
/** Who decides approval levels above the store; each only their own level (admins any). */
export const APPROVERS: readonly CentralRole[] = [
  'admin',
  'regional_manager',
  'regional_purchaser',
  'finance',
];
export const ADMINS: readonly CentralRole[] = ['admin'];
