import { StoreConfig } from '../../shared/config/store-config';
import { configProblems } from '../../shared/server/config/config-problems';
import { type ConfigOverlay, ConfigOverlayKeys } from '../../shared/sync/sync-protocol';

export interface ConfigProblem {
  path: string;
  message: string;
}

export type OverlayResult = { ok: true; config: StoreConfig } | { ok: false; errors: ConfigProblem[] };

/**
 * The local config with central's sections laid over it: each section present in the
 * overlay replaces the local one whole. The result must pass the full StoreConfig
 * schema, cross-checks included; every problem is returned, each with its path.
 */
export function overlayConfig(base: StoreConfig, overlay: ConfigOverlay): OverlayResult {
  const merged: Record<string, unknown> = { ...base };
  for (const key of ConfigOverlayKeys) {
    if (overlay[key] !== undefined) merged[key] = overlay[key];
  }
  const result = StoreConfig.safeParse(merged);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: configProblems(StoreConfig, merged, result.error) };
}
