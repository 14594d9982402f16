import type { CentralRole } from '../../../shared/central/api';

export const EVERYONE: readonly CentralRole[] = ['admin', 'regional_manager', 'technician'];
export const ADMINS: readonly CentralRole[] = ['admin'];
