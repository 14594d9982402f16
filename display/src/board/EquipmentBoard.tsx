import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView, ReadingPoint } from '../../../shared/api/equipment';
import { tileAlarm } from '../alarms/alarm-urgency';
import { EquipmentTile } from './EquipmentTile';

interface EquipmentBoardProps {
  equipment: readonly EquipmentView[];
  /** the alarms not yet cleared and acknowledged: each tile names its own */
  alarms: readonly AlarmView[];
  sparklines: Record<string, ReadingPoint[]>;
  now: number;
  timezone: string;
  onOpen?: (equipmentId: string) => void;
}

const KNOWN_STATIONS = ['cold', 'prep', 'fry', 'grill', 'wash', 'pass', 'beverage', 'facility'];

/** Tiles grouped by station in config order, so each machine keeps its place on the wall. */
export function EquipmentBoard({
  equipment,
  alarms,
  sparklines,
  now,
  timezone,
  onOpen,
}: EquipmentBoardProps) {
  const { t } = useTranslation();
  const stations = new Map<string, EquipmentView[]>();
  for (const item of equipment) {
    const list = stations.get(item.station) ?? [];
    list.push(item);
    stations.set(item.station, list);
  }
  const problems = equipment.filter((e) => e.state !== 'ok').length;
  return (
    <section className="board" aria-label={t('app.board')}>
      <p className={`board-summary ${problems ? 'has-problems' : ''}`} data-testid="board-summary">
        {problems ? t('board.summaryProblems', { count: problems }) : t('board.summaryOk')}
      </p>
      <div className="stations">
        {[...stations].map(([station, items]) => (
          // The station's width follows its tile count, so every row of the wall fills up.
          <section
            key={station}
            className="station"
            data-station={station}
            style={{ '--tiles': items.length } as CSSProperties}
          >
            <h2 className="station-name">
              {KNOWN_STATIONS.includes(station) ? t(`station.${station}`) : station}
            </h2>
            <div className="tiles">
              {items.map((item) => (
                <EquipmentTile
                  key={item.id}
                  equipment={item}
                  alarm={tileAlarm(alarms, item.id)}
                  sparkline={sparklines[item.id] ?? []}
                  now={now}
                  timezone={timezone}
                  onOpen={onOpen}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    </section>
  );
}
