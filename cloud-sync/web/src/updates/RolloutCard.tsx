import { useTranslation } from 'react-i18next';
import type { CentralRole } from '../../../../shared/central/api';
import type { RolloutView } from '../../../../shared/central/edge-releases';
import { formatDateTime } from '../format/time';
import { haltedReasonWords } from './failure-words';
import { RolloutControls } from './RolloutControls';
import { storesOfRollout } from './update-status';

interface RolloutCardProps {
  rollout: RolloutView;
  role: CentralRole;
  /** a regional manager's region */
  ownRegionId: string | null;
  token: string;
  regions: readonly { id: string; name: string }[];
  regionName: (regionId: string) => string;
  onChanged: (view: RolloutView) => void;
  onOpenStore: (storeId: string) => void;
}

/** One rollout: release, stage and target, state, its stages so far and where each store stands. */
export function RolloutCard({
  rollout,
  role,
  ownRegionId,
  token,
  regions,
  regionName,
  onChanged,
  onOpenStore,
}: RolloutCardProps) {
  const { t, i18n } = useTranslation();
  const stores = storesOfRollout(rollout, t);
  const counts = {
    healthy: stores.filter((s) => s.state === 'healthy').length,
    waiting: stores.filter((s) => s.state === 'waiting').length,
    rolledBack: stores.filter((s) => s.state === 'rolled_back').length,
  };
  const target = (stage: RolloutView['stage'], id: string | null) =>
    stage === 'all'
      ? t('updates.stages.all')
      : `${t(`updates.stages.${stage}`)} ${stage === 'region' && id ? regionName(id) : (id ?? '')}`;
  return (
    <article className="rollout-card" data-rollout={rollout.id} data-status={rollout.status}>
      <header>
        <h3>
          {t('updates.rolloutTitle', { id: rollout.id, release: rollout.release })}
          <span className={`rollout-status ${rollout.status === 'halted' ? 'tone-critical' : 'tone-ok'}`}>
            {t(`updates.status.${rollout.status}`)}
          </span>
        </h3>
        <div className="muted small">
          {t('updates.stageNow', { stage: target(rollout.stage, rollout.target) })} ·{' '}
          {t('updates.startedBy', {
            by: rollout.createdBy,
            at: formatDateTime(rollout.createdAt, i18n.language),
          })}
        </div>
        {rollout.haltedReason ? (
          <p className="halted-reason tone-critical">
            {t('updates.haltedBecause', {
              reason: haltedReasonWords(rollout, t),
              at: rollout.haltedAt === null ? '—' : formatDateTime(rollout.haltedAt, i18n.language),
            })}
          </p>
        ) : null}
      </header>
      <ol className="rollout-steps small">
        {rollout.steps.map((step) => (
          <li key={`${step.stage}/${step.at}`}>
            {target(step.stage, step.target)} · {step.by} · {formatDateTime(step.at, i18n.language)}
            {step.overrideReason ? (
              <span className="tone-warning">
                {' '}
                · {t('updates.overridden', { reason: step.overrideReason })}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="small" data-testid={`rollout-counts-${rollout.id}`}>
        {t('updates.counts', counts)}
      </p>
      {stores.length === 0 ? (
        <p className="empty">{t('updates.noStoresInStage')}</p>
      ) : (
        <ul className="rollout-stores">
          {stores.map((s) => (
            <li
              key={s.storeId}
              data-store={s.storeId}
              data-state={s.state}
              className={`store-state-${s.state}`}
            >
              <button type="button" className="link store-link" onClick={() => onOpenStore(s.storeId)}>
                {s.storeId}
              </button>{' '}
              <strong>{t(`updates.storeStates.${s.state}`)}</strong>
              {s.why ? <span className="muted small"> · {s.why}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {rollout.status === 'active' && mayAct(rollout, role, ownRegionId) ? (
        <RolloutControls
          rollout={rollout}
          role={role}
          token={token}
          regions={regions}
          onChanged={onChanged}
        />
      ) : null}
    </article>
  );
}

/**
 * Admins act on every active rollout; a regional manager only on one whose current stage
 * lies inside their region (central refuses the rest: rollout-access.ts), so no button is
 * offered that can only be refused.
 */
export function mayAct(rollout: RolloutView, role: CentralRole, ownRegionId: string | null): boolean {
  if (role === 'admin') return true;
  if (role !== 'regional_manager' || ownRegionId === null) return false;
  if (rollout.stage === 'region') return rollout.target === ownRegionId;
  if (rollout.stage === 'store') return rollout.boxes.some((b) => b.regionId === ownRegionId);
  return false;
}
