import type { StoreConfigState, StoreState } from '../../../../shared/central/api';
import { alertsRegion } from '../../../../shared/central/store-lifecycle';
import { isStale } from '../format/time';

/**
 * Stores that need someone first: critical alarms, then silence (a silent store may be
 * hiding anything), then warnings and open tickets; the rest by name, so the table only
 * reorders when something changes that matters.
 */
export function byUrgency(a: StoreState, b: StoreState): number {
  return (
    attentionCritical(b) - attentionCritical(a) ||
    Number(isStale(b.silentForMs)) - Number(isStale(a.silentForMs)) ||
    b.activeAlarms.warning - a.activeAlarms.warning ||
    b.openTickets - a.openTickets ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id)
  );
}

/** Critical alarms that need someone: those of a store that is not open do not (store-lifecycle.ts). */
export function attentionCritical(store: StoreState): number {
  return alertsRegion(store.lifecycle) ? store.activeAlarms.critical : 0;
}

export type Tone = 'ok' | 'warning' | 'critical' | 'muted';

export interface ConfigSummary {
  key: 'config.none' | 'config.upToDate' | 'config.pending' | 'config.neverApplied' | 'config.rejected';
  values: Record<string, number>;
  tone: Tone;
}

/** Config version applied at the store against the newest one central holds for it. */
export function summarizeConfig(config: StoreConfigState): ConfigSummary {
  const { latestVersion: latest, appliedVersion: applied, lastReport } = config;
  if (latest === null) return { key: 'config.none', values: {}, tone: 'muted' };
  if (lastReport?.outcome === 'rejected' && lastReport.version === latest) {
    return { key: 'config.rejected', values: { version: latest }, tone: 'critical' };
  }
  if (applied === latest) return { key: 'config.upToDate', values: { version: latest }, tone: 'ok' };
  if (applied === null) return { key: 'config.neverApplied', values: { latest }, tone: 'warning' };
  return { key: 'config.pending', values: { applied, latest }, tone: 'warning' };
}
