import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralRole } from '../../../../shared/central/api';
import {
  RELEASE_ROUTES,
  type ReleaseInfo,
  type RolloutStage,
  type RolloutView,
} from '../../../../shared/central/edge-releases';
import { formatDateTime } from '../format/time';
import { Outcome } from './RolloutControls';
import { useRolloutAction } from './rollout-action';

interface StartRolloutProps {
  releases: readonly ReleaseInfo[];
  role: CentralRole;
  token: string;
  /** stores and regions the user may start a stage at */
  storeIds: readonly string[];
  regions: readonly { id: string; name: string }[];
  onStarted: (view: RolloutView) => void;
}

/** Start a rollout of an uploaded release: one store first, a region, or (admins) every store. */
export function StartRollout({ releases, role, token, storeIds, regions, onStarted }: StartRolloutProps) {
  const { t, i18n } = useTranslation();
  const stages: RolloutStage[] = role === 'admin' ? ['store', 'region', 'all'] : ['store', 'region'];
  const [release, setRelease] = useState(releases[0]?.version ?? '');
  const [stage, setStage] = useState<RolloutStage>('store');
  const [store, setStore] = useState(storeIds[0] ?? '');
  const [region, setRegion] = useState(regions[0]?.id ?? '');
  const start = useRolloutAction(token, onStarted);
  if (releases.length === 0) return <p className="empty">{t('updates.noReleases')}</p>;
  const chosen = releases.some((r) => r.version === release) ? release : (releases[0]?.version ?? '');
  const target =
    stage === 'store' ? store || storeIds[0] : stage === 'region' ? region || regions[0]?.id : undefined;
  return (
    <form
      className="start-rollout"
      aria-label={t('updates.startTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void start.send(RELEASE_ROUTES.rollouts, {
          release: chosen,
          stage,
          ...(target ? { target } : {}),
        });
      }}
    >
      <label>
        {t('updates.release')}{' '}
        <select value={chosen} onChange={(e) => setRelease(e.target.value)}>
          {releases.map((r) => (
            <option key={r.version} value={r.version}>
              {t('updates.releaseOption', {
                version: r.version,
                at: formatDateTime(r.uploadedAt, i18n.language),
              })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('updates.stage')}{' '}
        <select value={stage} onChange={(e) => setStage(e.target.value as RolloutStage)}>
          {stages.map((s) => (
            <option key={s} value={s}>
              {t(`updates.stages.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {stage === 'store' ? (
        <label>
          {t('updates.store')}{' '}
          <select value={target ?? ''} onChange={(e) => setStore(e.target.value)}>
            {storeIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {stage === 'region' ? (
        <label>
          {t('updates.region')}{' '}
          <select value={target ?? ''} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="primary" disabled={start.state.kind === 'busy' || !chosen}>
        {t('updates.start')}
      </button>
      <Outcome state={start.state} done={t('updates.started')} regions={regions} />
    </form>
  );
}
