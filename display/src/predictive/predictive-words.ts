import type { TFunction } from 'i18next';
import { localized } from '../../../shared/browser/locale';
import type { PredictiveAssetView } from '../../../shared/predictive/predictive-asset-view';
import { CAUSE_NAMES, type PredictiveCause } from '../../../shared/predictive/predictive-causes';
import type { FeatureEvidence, TimeToLimitForecast } from '../../../shared/predictive/predictive-finding';

/** Hours as people say them: whole hours from 10 up, one decimal below. */
export function hoursText(hours: number): string {
  return hours >= 10 ? String(Math.round(hours)) : String(Math.round(hours * 10) / 10);
}

/** "crosses 5 °C sustained in about 31 h (22–40 h)", or that it may already, or that no time can be given. */
export function forecastText(forecast: TimeToLimitForecast | null, t: TFunction): string {
  if (!forecast) return t('predictive.forecastNone');
  const limit = String(forecast.limitC).replace(/^-/, '\u2212');
  if (forecast.hours === 0) return t('predictive.forecastNow', { limit });
  return t('predictive.forecastCold', {
    limit,
    hours: hoursText(forecast.hours),
    low: hoursText(forecast.lowHours),
    high: hoursText(forecast.highHours),
  });
}

export function causeList(causes: readonly PredictiveCause[], lang: string): string {
  const separator = lang.startsWith('zh') ? '、' : ', ';
  return causes.map((c) => localized(CAUSE_NAMES[c], lang)).join(separator);
}

/** A feature value as read beside its baseline: duty in %, slopes and rates to one decimal. */
export function featureValue(feature: FeatureEvidence['feature'], value: number): string {
  const text =
    feature === 'duty_cycle'
      ? `${Math.round(value * 100)} %`
      : `${Math.round(value * 10) / 10}${UNIT[feature]}`;
  return text.replace(/^-/, '\u2212');
}

/** The unit each feature is measured in, after its number. */
const UNIT: Record<FeatureEvidence['feature'], string> = {
  duty_cycle: ' %',
  cycles_per_h: ' /h',
  pull_down_c_per_h: ' °C/h',
  warm_up_c_per_h: ' °C/h',
  capacity_c_per_h: ' °C/h',
  defrost_duration_min: ' min',
  defrost_rise_c_per_h: ' °C/h',
  defrost_recovery_min: ' min',
  box_temp_over_setpoint_c: ' °C',
  time_to_temperature_min: ' min',
  recovery_after_load_min: ' min',
  running_power_w: ' W',
};

export function evidenceText(e: FeatureEvidence, t: TFunction): string {
  return t('predictive.evidenceRow', {
    feature: t(`predictive.feature.${e.feature}`),
    current: featureValue(e.feature, e.current),
    mean: featureValue(e.feature, e.baselineMean),
    sd: featureValue(e.feature, e.baselineSd),
    z: (Math.round(e.zScore * 10) / 10).toFixed(1).replace(/^-/, '\u2212'),
  });
}

/** Money from the edge's exact decimal text, grouped as the language writes it, never through a float sum. */
export function moneyText(amount: string, lang: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang.startsWith('zh') ? ',' : '\u2009');
  return `¥${grouped}.${(fraction ?? '').padEnd(2, '0')}`;
}

/** Riskiest first (findings, then drifting, normal, learning); by name at equal risk. */

export function assetOrder(assets: readonly PredictiveAssetView[], lang: string): PredictiveAssetView[] {
  return [...assets].sort(
    (a, b) =>
      b.outlook.riskScore - a.outlook.riskScore ||
      localized(a.name, lang).localeCompare(localized(b.name, lang), lang),
  );
}
