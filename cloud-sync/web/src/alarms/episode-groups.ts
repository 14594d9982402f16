import type { AlarmEpisode, EquipmentLabel } from '../../../../shared/central/insight-api';
import type { Severity } from '../../../../shared/config/rules';

/** One piece of equipment's alarms: what is still going on, and the episodes that are over. */
export interface EpisodeGroup {
  key: string;
  storeId: string;
  storeName: string;
  equipment: EquipmentLabel;
  active: AlarmEpisode[];
  cleared: AlarmEpisode[];
  worstActive: Severity | null;
  latestRaisedAt: number;
}

const RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/**
 * Groups alarm episodes by store and equipment. A fryer going offline and back twenty
 * times is one row with twenty cleared episodes folded away, not twenty rows burying a
 * cooler that is warming now. Groups with something active come first, worst first.
 */
export function groupEpisodes(episodes: readonly AlarmEpisode[]): EpisodeGroup[] {
  const groups = new Map<string, EpisodeGroup>();
  for (const episode of episodes) {
    const key = `${episode.storeId}/${episode.equipment.equipmentId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        storeId: episode.storeId,
        storeName: episode.storeName,
        equipment: episode.equipment,
        active: [],
        cleared: [],
        worstActive: null,
        latestRaisedAt: episode.alarm.raisedAt,
      };
      groups.set(key, group);
    }
    group.latestRaisedAt = Math.max(group.latestRaisedAt, episode.alarm.raisedAt);
    if (episode.alarm.clearedAt === null) {
      group.active.push(episode);
      const severity = episode.alarm.severity;
      if (group.worstActive === null || RANK[severity] > RANK[group.worstActive])
        group.worstActive = severity;
    } else {
      group.cleared.push(episode);
    }
  }
  const byNewest = (a: AlarmEpisode, b: AlarmEpisode) => b.alarm.raisedAt - a.alarm.raisedAt;
  for (const group of groups.values()) {
    group.active.sort(byNewest);
    group.cleared.sort(byNewest);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (b.worstActive ? RANK[b.worstActive] : 0) - (a.worstActive ? RANK[a.worstActive] : 0) ||
      b.latestRaisedAt - a.latestRaisedAt ||
      a.key.localeCompare(b.key),
  );
}
