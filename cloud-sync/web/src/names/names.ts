import type { TFunction } from 'i18next';
import { ProblemCategory } from '../../../../shared/api/tickets';
import { localized } from '../../../../shared/browser/locale';
import type { CentralTicket } from '../../../../shared/central/api';
import type { EquipmentLabel } from '../../../../shared/central/insight-api';
import type { LocalizedText } from '../../../../shared/localized-text';

/** The equipment as the store named it, in the page's language; its id when no name reached central. */
export function equipmentName(label: EquipmentLabel, language: string): string {
  return label.name ? localized(label.name, language) : label.equipmentId;
}

/**
 * A menu item, station or ingredient as its store names it, in the page's language; its id
 * while central has no catalogue from the store naming it.
 */
export function catalogName(name: LocalizedText | null | undefined, id: string, language: string): string {
  return name ? localized(name, language) : id;
}

/** The equipment type as configured, else the page's own word for a known type, else its id. */
export function equipmentTypeName(
  label: Pick<EquipmentLabel, 'type' | 'typeLabel'>,
  language: string,
  t: TFunction,
): string | null {
  if (label.typeLabel) return localized(label.typeLabel, language);
  if (label.type === null) return null;
  return t(`equipmentType.${label.type}`, { defaultValue: label.type });
}

/**
 * A ticket's title as people should read it. A report from the kitchen display carries the
 * problem category's key as its text ("not_heating"): that key reads as the category's label;
 * words someone typed are shown as written.
 */
export function ticketTitle(
  ticket: Pick<CentralTicket, 'source' | 'title' | 'fault' | 'category'>,
  language: string,
  t: TFunction,
): string {
  const written = localized(ticket.title, language).trim();
  if (ticket.source === 'manual') {
    const asKey = ProblemCategory.safeParse(written);
    if (asKey.success) return t(`category.${asKey.data}`);
  }
  return written;
}

const UNIT_SUFFIXES: readonly [string, string][] = [
  ['_kwh', 'kWh'],
  ['_c', '°C'],
  ['_w', 'W'],
  ['_pct', '%'],
  ['_s', 's'],
  ['_bar', 'bar'],
];

/** The unit a metric's name carries as its suffix (the device contract's naming), or none. */
export function metricUnit(metric: string): string {
  for (const [suffix, unit] of UNIT_SUFFIXES) if (metric.endsWith(suffix)) return unit;
  return '';
}

export function metricName(metric: string, t: TFunction): string {
  return t(`metric.${metric}`, { defaultValue: metric });
}

/** A reading with its unit, rounded the way a manager reads a thermometer. */
export function formatReading(metric: string, value: number, language: string): string {
  const unit = metricUnit(metric);
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', {
    maximumFractionDigits: digits,
  }).format(value);
  return unit ? `${number} ${unit}` : number;
}
