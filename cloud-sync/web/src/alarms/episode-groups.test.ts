import { describe, expect, it } from 'vitest';
import { AlarmEpisode } from '../../../../shared/central/insight-api';
import { alarm, equipmentLabel } from '../testing/fixtures';
import { groupEpisodes } from './episode-groups';

const T = Date.UTC(2025, 0, 6, 8);
const MIN = 60_000;

function episode(
  storeId: string,
  id: number,
  equipmentId: string,
  raisedMin: number,
  cleared: boolean,
  severity: 'critical' | 'warning' = 'warning',
) {
  return AlarmEpisode.parse({
    storeId,
    storeName: `Store ${storeId}`,
    regionId: 'east',
    regionName: '华东区',
    equipment: equipmentLabel(equipmentId),
    alarm: alarm({
      id,
      equipmentId,
      severity,
      raisedAt: T + raisedMin * MIN,
      conditionSince: T + raisedMin * MIN,
      clearedAt: cleared ? T + (raisedMin + 1) * MIN : null,
      state: cleared ? 'cleared_unacked' : 'active_unacked',
    }),
  });
}

describe('grouping alarm episodes by store and equipment', () => {
  it('puts a live critical first and folds twenty offline blips of one fryer into one group', () => {
    const blips = Array.from({ length: 20 }, (_, i) => episode('sh-001', 100 + i, 'fryer-1', i * 3, true));
    const warming = episode('sh-001', 7, 'cooler-1', 1, false, 'critical');
    const otherStore = episode('sh-002', 100, 'fryer-1', 90, false);
    const groups = groupEpisodes([...blips, warming, otherStore]);
    expect(groups.map((g) => [g.key, g.active.length, g.cleared.length, g.worstActive])).toEqual([
      ['sh-001/cooler-1', 1, 0, 'critical'],
      ['sh-002/fryer-1', 1, 0, 'warning'],
      ['sh-001/fryer-1', 0, 20, null],
    ]);
    const fryer = groups[2];
    expect(fryer?.cleared[0]?.alarm.id).toBe(119);
    expect(fryer?.latestRaisedAt).toBe(T + 57 * MIN);
  });
});
