import type { ProblemCategory } from '../../../shared/api/tickets';
import { type EquipmentFamily, equipmentFamily } from './equipment-family';

/**
 * What a person can say is wrong with a machine. The edge keeps the word as the
 * ticket's `fault` (so the same fault reported twice joins one ticket) and its nearest
 * API category, whose list is shorter than what a kitchen needs to say.
 */
export const PROBLEM_FAULTS = {
  not_cooling: 'not_cooling',
  door_or_seal: 'door_or_seal',
  not_heating: 'not_heating',
  overheating: 'other',
  no_water: 'other',
  not_draining: 'other',
  weak_airflow: 'other',
  no_power: 'electrical',
  error_on_display: 'error_on_display',
  noise: 'noise',
  leak: 'leak',
  other: 'other',
} as const satisfies Record<string, ProblemCategory>;

export type ProblemFault = keyof typeof PROBLEM_FAULTS;

/** Faults any machine can have, offered after the ones of its kind. */
const EVERY_MACHINE: readonly ProblemFault[] = ['no_power', 'error_on_display', 'noise', 'leak', 'other'];

const BY_FAMILY: Record<EquipmentFamily, readonly ProblemFault[]> = {
  refrigeration: ['not_cooling', 'door_or_seal'],
  heating: ['not_heating', 'overheating'],
  water: ['no_water', 'not_draining'],
  airflow: ['weak_airflow'],
  climate: ['not_cooling', 'not_heating', 'weak_airflow'],
  general: [],
};

/** The faults to offer for a machine of this type, its own kind's first. */
export function faultsFor(type: string): ProblemFault[] {
  return [...BY_FAMILY[equipmentFamily(type)], ...EVERY_MACHINE];
}

export function isProblemFault(fault: string): fault is ProblemFault {
  return Object.hasOwn(PROBLEM_FAULTS, fault);
}

export function categoryOf(fault: ProblemFault): ProblemCategory {
  return PROBLEM_FAULTS[fault];
}
