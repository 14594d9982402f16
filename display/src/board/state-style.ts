import type { EquipmentState } from '../../../shared/api/equipment';

/**
 * Each state has its own icon shape as well as its colour, so it reads without
 * colour vision (blue/orange/magenta-red from the Okabe–Ito palette, not red/green).
 */
export const STATE_ICON: Record<EquipmentState, string> = {
  ok: '✓',
  warning: '▲',
  critical: '✖',
  offline: '○',
  unknown: '?',
};

/** Worst first: the order tiles sort in within a station, and what the summary counts. */
export const STATE_RANK: Record<EquipmentState, number> = {
  critical: 0,
  warning: 1,
  offline: 2,
  unknown: 3,
  ok: 4,
};
