import {
  PredictiveEvidenceParams,
  PredictiveEvidenceQuery,
  PredictiveEvidenceSeries,
} from '../../../shared/predictive/predictive-evidence';
import { notFound } from '../../../shared/server/http/errors';
import type { Clock } from '../../../shared/server/runtime/clock';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { Database } from '../../store/database';
import { LocalTimeOfDay } from '../rules/local-time';
import { assetMetricsOfType } from './asset-kind';
import { HOUR_MS } from './hourly-features';
import { evidenceSeries, leadingHourlyFeature } from './predictive-evidence';
import type { PredictiveService } from './predictive-service';
import { StoredTelemetry } from './stored-telemetry';

export interface PredictiveEvidenceDeps {
  predictive: PredictiveService;
  db: Database;
  clock: Clock;
  /** the store's time zone in force (a reload may change it) */
  timezone: () => string;
}

/**
 * The evidence chart behind a finding: hourly values of one feature against the unit's
 * own baseline, read-only and with the same permission as the asset list.
 */
export function predictiveEvidenceRoutes(deps: PredictiveEvidenceDeps): EdgeRoute[] {
  const telemetry = new StoredTelemetry(deps.db);
  let local: LocalTimeOfDay | undefined;
  const localHourOf = (ms: number) => {
    const zone = deps.timezone();
    if (local?.timeZone !== zone) local = new LocalTimeOfDay(zone);
    return Math.floor(local.at(ms).minuteOfDay / 60);
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/predictive/assets/:equipmentId/evidence',
      summary: 'Hourly values of one predictive feature against the unit’s own baseline (mean ± sd)',
      description:
        'Rebuilt from the stored raw readings of the last `hours` (default 72, at most 168) with the same ' +
        'hourly features the checks judge; the baseline is the mean the unit learned for each local hour of day ' +
        'and its pooled spread (null while still learning). Default feature: the finding’s first hourly ' +
        'evidence, else the cooling (heating) capacity. Duty is in %.',
      tags: ['predictive'],
      access: 'diagnostics.read',
      params: PredictiveEvidenceParams,
      querystring: PredictiveEvidenceQuery,
      response: PredictiveEvidenceSeries,
      errors: [400, 404],
      handler: async ({ params, query }) => {
        const { equipmentId } = params;
        const type = deps.predictive.watched.get(equipmentId);
        const metrics = type === undefined ? undefined : assetMetricsOfType(type);
        const monitor = deps.predictive.monitor(equipmentId);
        if (!metrics || !monitor) throw notFound(`${equipmentId} is not watched by predictive maintenance`);
        const now = deps.clock.now();
        const to = Math.floor(now / HOUR_MS) * HOUR_MS;
        const range = { from: to - query.hours * HOUR_MS, to };
        const feature =
          query.feature ?? leadingHourlyFeature(deps.predictive.latestFinding(equipmentId)?.finding.evidence);
        return evidenceSeries({
          equipmentId,
          metrics,
          feature,
          baseline: monitor.baselineSnapshot(),
          localHourOf,
          range,
          // From an hour before the range (the first hour's samples need their predecessor) to now: an
          // hour is complete once a later sample arrives, so the last one shows once the next has begun.
          replay: (onRows) => telemetry.replay(equipmentId, { from: range.from - HOUR_MS, to: now }, onRows),
        });
      },
    }),
  ];
}
