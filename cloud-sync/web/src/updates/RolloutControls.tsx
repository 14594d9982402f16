import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CentralRole, centralPath } from '../../../../shared/central/api';
import {
  RELEASE_ROUTES,
  type RolloutStage,
  type RolloutView,
} from '../../../../shared/central/edge-releases';
import { refusalText } from '../app/refusal-text';
import { type RolloutActionState, useRolloutAction } from './rollout-action';
import { rolloutParamWords } from './rollout-refusal-words';

const WIDER: Record<RolloutStage, RolloutStage[]> = { store: ['region', 'all'], region: ['all'], all: [] };

interface RolloutControlsProps {
  rollout: RolloutView;
  role: CentralRole;
  token: string;
  regions: readonly { id: string; name: string }[];
  onChanged: (view: RolloutView) => void;
}

/**
 * Advance and Halt for one active rollout. Only the stages the user may start are offered
 * (a regional manager never 'all'); central checks the same and says why when it refuses —
 * above all, which stores the next stage still waits on. An admin may override a stage
 * that is not healthy, but only with a reason.
 */
export function RolloutControls({ rollout, role, token, regions, onChanged }: RolloutControlsProps) {
  const { t } = useTranslation();
  const isAdmin = role === 'admin';
  const stages = WIDER[rollout.stage].filter((s) => isAdmin || s !== 'all');
  const storeRegion = rollout.boxes.find((b) => b.storeId === rollout.target)?.regionId;
  const [stage, setStage] = useState<RolloutStage | undefined>(stages[0]);
  const [region, setRegion] = useState(storeRegion ?? regions[0]?.id ?? '');
  const [override, setOverride] = useState('');
  const [haltReason, setHaltReason] = useState('');
  const advance = useRolloutAction(token, onChanged);
  const halt = useRolloutAction(token, onChanged);
  const params = { id: rollout.id };
  return (
    <div className="rollout-controls">
      {stage ? (
        <form
          aria-label={t('updates.advance')}
          onSubmit={(e) => {
            e.preventDefault();
            void advance.send(centralPath(RELEASE_ROUTES.advance, params), {
              stage,
              ...(stage === 'region' ? { target: region } : {}),
              ...(override.trim() ? { overrideReason: override.trim() } : {}),
            });
          }}
        >
          <label>
            {t('updates.nextStage')}{' '}
            <select value={stage} onChange={(e) => setStage(e.target.value as RolloutStage)}>
              {stages.map((s) => (
                <option key={s} value={s}>
                  {t(`updates.stages.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {stage === 'region' ? (
            <label>
              {t('updates.region')}{' '}
              <select value={region} onChange={(e) => setRegion(e.target.value)}>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {isAdmin ? (
            <input
              type="text"
              name="overrideReason"
              aria-label={t('updates.overrideReason')}
              placeholder={t('updates.overrideHint')}
              maxLength={500}
              value={override}
              onChange={(e) => setOverride(e.target.value)}
            />
          ) : null}
          <button type="submit" className="primary" disabled={advance.state.kind === 'busy'}>
            {t('updates.advance')}
          </button>
          <Outcome state={advance.state} done={t('updates.advanced')} regions={regions} />
        </form>
      ) : null}
      <form
        aria-label={t('updates.halt')}
        onSubmit={(e) => {
          e.preventDefault();
          void halt.send(centralPath(RELEASE_ROUTES.halt, params), { reason: haltReason.trim() });
        }}
      >
        <input
          type="text"
          name="haltReason"
          aria-label={t('updates.haltReason')}
          placeholder={t('updates.haltHint')}
          maxLength={500}
          value={haltReason}
          onChange={(e) => setHaltReason(e.target.value)}
        />
        <button
          type="submit"
          className="danger"
          disabled={halt.state.kind === 'busy' || haltReason.trim().length < 3}
        >
          {t('updates.halt')}
        </button>
        <Outcome state={halt.state} done={t('updates.halted')} regions={regions} />
      </form>
    </div>
  );
}

/** What came of a rollout action: done, or central's refusal in the page's language. */
export function Outcome({
  state,
  done,
  regions,
}: {
  state: RolloutActionState;
  done: string;
  regions: readonly { id: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  if (state.kind === 'done')
    return (
      <span className="tone-ok small" role="status">
        {done}
      </span>
    );
  if (state.kind === 'refused')
    return (
      <p className="tone-critical small refusal" role="alert">
        {t('updates.refused', { message: refusalText(state.error, i18n, rolloutParamWords(regions)) })}
      </p>
    );
  return null;
}
