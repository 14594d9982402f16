import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralRole } from '../../../../shared/central/api';
import {
  BoxStatusList,
  RELEASE_ROUTES,
  ReleaseList,
  RolloutList,
  type RolloutView,
} from '../../../../shared/central/edge-releases';
import { type PollOptions, usePoll } from '../app/use-poll';
import { BoxesTable } from './BoxesTable';
import { RolloutCard } from './RolloutCard';
import { StartRollout } from './StartRollout';
import './updates.css';

interface UpdatesPanelProps {
  poll: PollOptions;
  role: CentralRole;
  /** a regional manager's own region: the only one offered to them */
  regionId: string | null;
  regions: readonly { id: string; name: string }[];
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/**
 * 软件更新: the edge version each box in the user's scope runs, its health and last update,
 * and the staged rollouts with Advance / Halt / Start for those who run them. Central scopes
 * the box list; rollouts and releases are refused to anyone who may not roll out, and then
 * those sections are not shown at all.
 */
export function UpdatesPanel({ poll, role, regionId, regions, inRegion, onOpenStore }: UpdatesPanelProps) {
  const { t } = useTranslation();
  const boxes = usePoll(RELEASE_ROUTES.boxes, BoxStatusList, poll);
  const mayRoll = role === 'admin' || role === 'regional_manager';
  const rollouts = usePoll(mayRoll ? RELEASE_ROUTES.rollouts : undefined, RolloutList, poll);
  const releases = usePoll(mayRoll ? RELEASE_ROUTES.releases : undefined, ReleaseList, poll);
  // What an action answered stands until the next poll brings central's list again.
  const [changed, setChanged] = useState<ReadonlyMap<number, RolloutView>>(new Map());
  useEffect(() => {
    if (rollouts.data) setChanged(new Map());
  }, [rollouts.data]);
  const onChanged = (view: RolloutView) => setChanged((m) => new Map(m).set(view.id, view));
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const ownRegions = role === 'admin' ? regions : regions.filter((r) => r.id === regionId);
  const shownBoxes = inRegion(boxes.data);
  const polled = rollouts.data ?? [];
  const fresh = [...changed.values()].filter((v) => !polled.some((p) => p.id === v.id));
  const rolloutList = [...fresh, ...polled.map((r) => changed.get(r.id) ?? r)].sort((a, b) => b.id - a.id);
  return (
    <div className="updates-board">
      <section data-testid="updates-boxes">
        <h2>{t('updates.boxesTitle')}</h2>
        <p className="muted small">{t('updates.boxesHint')}</p>
        {boxes.error ? (
          <p className="tone-critical" role="status">
            {t('updates.loadFailed', { message: boxes.error.message })}
          </p>
        ) : null}
        {boxes.data ? (
          <BoxesTable boxes={shownBoxes} regionName={regionName} onOpenStore={onOpenStore} />
        ) : (
          <p className="empty">{t('app.loading')}</p>
        )}
      </section>
      {mayRoll && rollouts.error?.code !== 'forbidden' ? (
        <section data-testid="updates-rollouts">
          <h2>{t('updates.rolloutsTitle')}</h2>
          <p className="muted small">{t('updates.rolloutsHint')}</p>
          {releases.data ? (
            <StartRollout
              releases={releases.data}
              role={role}
              token={poll.token}
              storeIds={(boxes.data ?? [])
                .filter((b) => role === 'admin' || b.regionId === regionId)
                .map((b) => b.storeId)
                .sort()}
              regions={ownRegions}
              onStarted={onChanged}
            />
          ) : null}
          {!rollouts.data ? (
            <p className="empty">{t('app.loading')}</p>
          ) : rolloutList.length === 0 ? (
            <p className="empty">{t('updates.noRollouts')}</p>
          ) : (
            rolloutList.map((r) => (
              <RolloutCard
                key={r.id}
                rollout={r}
                role={role}
                ownRegionId={regionId}
                token={poll.token}
                regions={ownRegions}
                regionName={regionName}
                onChanged={onChanged}
                onOpenStore={onOpenStore}
              />
            ))
          )}
        </section>
      ) : null}
    </div>
  );
}
