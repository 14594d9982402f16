import type { TFunction } from 'i18next';
import { localized } from '../../../../shared/browser/locale';
import type { OpenTicket } from '../../../../shared/central/api';
import type { AlarmEpisode } from '../../../../shared/central/insight-api';
import { equipmentName, equipmentTypeName, ticketTitle } from '../names/names';
import { toCsv } from './csv';

/** Spreadsheet times: sortable, in the viewer's zone like the page. */
export function csvTime(ts: number | null): string {
  if (ts === null) return '';
  const d = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The alarms shown, one row each, in the page's language. */
export function alarmsCsv(episodes: readonly AlarmEpisode[], t: TFunction, language: string): string {
  const header = [
    'store',
    'storeId',
    'region',
    'equipment',
    'equipmentId',
    'equipmentType',
    'severity',
    'title',
    'state',
    'raisedAt',
    'clearedAt',
    'ackedBy',
    'raiseCount',
  ].map((key) => t(`csv.${key}`));
  const rows = episodes.map(({ storeId, storeName, regionName, equipment, alarm }) => [
    storeName,
    storeId,
    regionName,
    equipmentName(equipment, language),
    equipment.equipmentId,
    equipmentTypeName(equipment, language, t),
    t(`severity.${alarm.severity}`),
    localized(alarm.title, language),
    t(`alarms.state.${alarm.state}`),
    csvTime(alarm.raisedAt),
    csvTime(alarm.clearedAt),
    alarm.ackedBy,
    alarm.raiseCount,
  ]);
  return toCsv(header, rows);
}

/** The tickets shown, one row each, with their age in hours at `now`. */
export function ticketsCsv(
  tickets: readonly OpenTicket[],
  t: TFunction,
  language: string,
  ageSecondsOf: (row: OpenTicket) => number,
): string {
  const header = [
    'ticketId',
    'store',
    'storeId',
    'region',
    'equipment',
    'equipmentId',
    'equipmentType',
    'title',
    'source',
    'severity',
    'status',
    'openedAt',
    'ageH',
    'assignee',
  ].map((key) => t(`csv.${key}`));
  const rows = tickets.map((row) => {
    const { ticket, equipment } = row;
    return [
      ticket.id,
      row.storeName,
      row.storeId,
      row.regionName,
      equipmentName(equipment, language),
      equipment.equipmentId,
      equipmentTypeName(equipment, language, t),
      ticketTitle(ticket, language, t),
      t(ticket.source === 'manual' ? 'tickets.manual' : 'tickets.auto'),
      t(`severity.${ticket.severity}`),
      t(`tickets.statusName.${ticket.status}`),
      csvTime(ticket.openedAt),
      Math.round((ageSecondsOf(row) / 3600) * 10) / 10,
      ticket.assignedTo,
    ];
  });
  return toCsv(header, rows);
}
