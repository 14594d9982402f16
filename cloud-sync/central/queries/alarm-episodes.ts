import { AlarmView } from '../../../shared/api/alarms';
import type { AlarmEpisode, AlarmEpisodesQuery } from '../../../shared/central/insight-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { equipmentLabels, labelTexts, matchesText } from './equipment-labels';

const SCAN_LIMIT = 20_000;

/**
 * Alarms across the caller's stores, one row per alarm (raised to cleared, its newest view),
 * newest raised first. The feed lists every change; this is what a manager filters, groups
 * by store and equipment and exports.
 */
export async function alarmEpisodes(
  db: CentralDb,
  scope: StoreScope,
  query: AlarmEpisodesQuery,
): Promise<AlarmEpisode[]> {
  const textual = query.equipmentType !== undefined || query.q !== undefined;
  let q = db
    .selectFrom('alarms')
    .innerJoin('stores', 'stores.id', 'alarms.store_id')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select([
      'alarms.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'regions.name as region_name',
      'alarms.view',
    ])
    .orderBy('alarms.raised_at', 'desc')
    .orderBy('alarms.alarm_id', 'desc')
    .limit(textual ? SCAN_LIMIT : query.limit);
  if (query.storeId !== undefined) q = q.where('alarms.store_id', '=', query.storeId);
  if (query.severity !== undefined) q = q.where('alarms.severity', '=', query.severity);
  if (query.from !== undefined) q = q.where('alarms.raised_at', '>=', query.from);
  if (query.to !== undefined) q = q.where('alarms.raised_at', '<', query.to);
  if (query.status === 'active') q = q.where('alarms.active', '=', 1);
  if (query.status === 'cleared') q = q.where('alarms.active', '=', 0);
  if (query.status === 'unacked') q = q.where('alarms.state', 'in', ['active_unacked', 'cleared_unacked']);
  const rows = await q.execute();
  const labelOf = await equipmentLabels(
    db,
    rows.map((row) => row.store_id),
  );
  const episodes: AlarmEpisode[] = [];
  for (const row of rows) {
    const alarm = AlarmView.safeParse(JSON.parse(row.view));
    if (!alarm.success) continue;
    const equipment = labelOf(row.store_id, alarm.data.equipmentId);
    if (query.equipmentType !== undefined && equipment.type !== query.equipmentType) continue;
    const texts = [
      row.store_id,
      row.store_name,
      alarm.data.rule,
      alarm.data.title.en,
      alarm.data.title['zh-CN'],
      ...labelTexts(equipment),
    ];
    if (!matchesText(query.q, texts)) continue;
    episodes.push({
      storeId: row.store_id,
      storeName: row.store_name,
      regionId: row.region_id,
      regionName: row.region_name,
      equipment,
      alarm: alarm.data,
    });
    if (episodes.length >= query.limit) break;
  }
  return episodes;
}
