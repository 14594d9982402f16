import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignmentSuggestions, TechnicianView } from '../../../shared/api/technicians';
import type { Resource } from '../app/use-edge-resource';
import { LoginCancelled } from '../auth/person-session';

interface AssignTechnicianProps {
  /** who the edge suggests for this ticket: skilled in its equipment type, least loaded first */
  suggestions: Resource<AssignmentSuggestions>;
  /** every technician, so a manager may still pick someone the suggestions leave out */
  technicians: Resource<TechnicianView[]>;
  /** the ticket's current assignee, if any */
  current: string | null;
  onAssign: (assignee: string) => Promise<void>;
  onCancel: () => void;
}

interface Candidate {
  assignee: string;
  name: string;
  detail: string;
}

/** Technicians as the manager chooses among them: the edge's suggestions first, then everyone covering the store. */
function candidates(props: Pick<AssignTechnicianProps, 'suggestions' | 'technicians'>, t: TFunction) {
  const suggested: Candidate[] =
    props.suggestions.status === 'ok'
      ? props.suggestions.data.suggestions.map((s) => ({
          assignee: s.assignee,
          name: s.name,
          detail: [
            t(`assign.kind.${s.kind}`),
            t('assign.skill', { level: s.skillLevel }),
            t('assign.load', { open: s.openAssigned }),
          ].join(' · '),
        }))
      : [];
  const taken = new Set(suggested.map((s) => s.assignee));
  const others: Candidate[] =
    props.technicians.status === 'ok'
      ? props.technicians.data
          .filter((tech) => tech.coversThisStore && !taken.has(tech.userId ?? tech.id))
          .map((tech) => ({
            // What the edge itself sends for a technician: their store login when they have one.
            assignee: tech.userId ?? tech.id,
            name: tech.name,
            detail: [t(`assign.kind.${tech.kind}`), t('assign.load', { open: tech.openAssigned })].join(
              ' · ',
            ),
          }))
      : [];
  return { suggested, others };
}

/** A manager gives the repair to a technician: one tap on a name. */
export function AssignTechnician(props: AssignTechnicianProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { suggested, others } = candidates(props, t);
  const loading = props.suggestions.status === 'loading' || props.technicians.status === 'loading';
  const failed = [props.suggestions, props.technicians].find((r) => r.status === 'error');

  async function assign(assignee: string) {
    setBusy(true);
    setError(undefined);
    try {
      await props.onAssign(assignee);
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tickets.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  const group = (title: string, list: Candidate[], kind: string) =>
    list.length ? (
      <fieldset className="assign-group" data-group={kind}>
        <legend>{title}</legend>
        <div className="choices">
          {list.map((c) => (
            <button
              key={c.assignee}
              type="button"
              className={`choice assign-choice ${props.current === c.assignee ? 'selected' : ''}`}
              aria-pressed={props.current === c.assignee}
              data-assignee={c.assignee}
              disabled={busy}
              onClick={() => void assign(c.assignee)}
            >
              <strong>{c.name}</strong>
              <small>{c.detail}</small>
            </button>
          ))}
        </div>
      </fieldset>
    ) : null;

  return (
    <section className="assign-form" aria-label={t('assign.title')}>
      <h3>{t('assign.title')}</h3>
      {loading ? <p className="empty">{t('app.loading')}</p> : null}
      {failed?.status === 'error' ? (
        <p className="dialog-error">{t('assign.unavailable', { message: failed.message })}</p>
      ) : null}
      {group(t('assign.suggested'), suggested, 'suggested')}
      {group(t('assign.others'), others, 'others')}
      {!loading && !suggested.length && !others.length ? <p className="empty">{t('assign.none')}</p> : null}
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('resolve.cancel')}
        </button>
      </div>
    </section>
  );
}
