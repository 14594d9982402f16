import { type EquipmentFamily, equipmentFamily } from './equipment-family';

/** How a repair ended, as the technician picks it; sent as the ticket's `resolutionCode`. */
export const RESOLUTION_CODES = [
  'part_replaced',
  'gasket_replaced',
  'refrigerant_recharged',
  'defrosted',
  'probe_calibrated',
  'descaled',
  'drain_cleared',
  'filter_cleaned',
  'cleaned',
  'adjusted',
  'reset',
  'no_fault_found',
  'other',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/** The repairs of a machine's kind, offered between "part replaced" and the ones every repair may be. */
const BY_FAMILY: Record<EquipmentFamily, readonly ResolutionCode[]> = {
  refrigeration: ['gasket_replaced', 'refrigerant_recharged', 'defrosted'],
  heating: ['probe_calibrated'],
  water: ['descaled', 'drain_cleared'],
  airflow: ['filter_cleaned'],
  climate: ['filter_cleaned', 'refrigerant_recharged'],
  general: [],
};

const EVERY_REPAIR: readonly ResolutionCode[] = ['cleaned', 'adjusted', 'reset', 'no_fault_found', 'other'];

/** A short list for this type of machine: part replaced, its kind's own repairs, then the usual ones. */
export function resolutionCodesFor(type: string): ResolutionCode[] {
  return ['part_replaced', ...BY_FAMILY[equipmentFamily(type)], ...EVERY_REPAIR];
}

export function isResolutionCode(code: string): code is ResolutionCode {
  return (RESOLUTION_CODES as readonly string[]).includes(code);
}
