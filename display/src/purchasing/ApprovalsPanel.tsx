import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StockOverview } from '../../../shared/api/stock';
import { localized } from '../../../shared/browser/locale';
import { LEVEL_NAMES } from '../../../shared/purchasing/approval-routing';
import { useEdgeResource } from '../app/use-edge-resource';
import { formatQuantity } from '../stock/stock-quantity';
import { decideRequest, type WaitingRequest, waitingRequests } from './approval-api';
import {
  localeOf,
  moneyText,
  type PurchasingContext,
  personName,
  purchasingProblem,
} from './purchasing-context';

type Loaded =
  | { status: 'loading' }
  | { status: 'ok'; data: WaitingRequest[] }
  | { status: 'error'; message: string };

/** The step whose turn it is, if any. */
const currentOf = (r: WaitingRequest) => r.steps.find((s) => s.current && s.status === 'pending');

/**
 * Requests whose turn is the store level (店长) and that the person signed in did not raise
 * themselves: the edge refuses one's own request (requester_approves), so it is not offered.
 * Each shows its whole route, including the levels decided at central.
 */
export function ApprovalsPanel({ ctx }: { ctx: PurchasingContext }) {
  const { t, i18n } = useTranslation();
  const lang = localeOf(i18n.language);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const token = ctx.person.token;
  // Ingredient names and units for the cards; a part is shown by its number.
  const stock = useEdgeResource('/api/stock', StockOverview, token, ctx.version);
  const what = (r: WaitingRequest) => {
    const level =
      r.kind === 'ingredient' && stock.status === 'ok'
        ? stock.data.levels.find((l) => l.ingredient === r.item)
        : undefined;
    const qty = formatQuantity(Number(r.qty), i18n.language);
    return level
      ? `${localized(level.name, i18n.language)} · ${qty} ${level.baseUnit}`
      : `${r.item} · ${qty}`;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the version only asks for the same lists again
  useEffect(() => {
    let live = true;
    waitingRequests(token)
      .then((data) => live && setLoaded({ status: 'ok', data }))
      .catch(
        (err: unknown) =>
          live && setLoaded({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [token, ctx.version]);

  async function decide(r: WaitingRequest, to: 'approved' | 'rejected') {
    const key = `${r.kind}:${r.id}`;
    setBusy(true);
    setProblem(undefined);
    try {
      const person = await ctx.signIn(t('purchasing.approvals.action', { id: r.id }));
      await decideRequest(
        r.kind,
        r.id,
        to === 'approved' ? { to } : { to, note: notes[key]?.trim() || t('purchasing.approvals.noReason') },
        person.token,
      );
      ctx.changed();
    } catch (err) {
      setProblem(purchasingProblem(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  const mine =
    loaded.status === 'ok'
      ? loaded.data.filter((r) => currentOf(r)?.level === 'manager' && r.requestedBy !== ctx.person.userId)
      : [];

  return (
    <section className="po-list" data-testid="approvals" aria-label={t('purchasing.tab.approvals')}>
      {loaded.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('purchasing.failed', { message: loaded.message })}
        </p>
      ) : null}
      {loaded.status === 'loading' ? <p className="empty">{t('purchasing.loading')}</p> : null}
      {loaded.status === 'ok' && mine.length === 0 ? (
        <p className="empty">{t('purchasing.approvals.none')}</p>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {mine.map((r) => {
        const key = `${r.kind}:${r.id}`;
        const first = r.steps[0];
        return (
          <article key={key} className="po-approval" data-testid={`approval-${r.kind}-${r.id}`}>
            <h3 className="stock-heading">
              {t(`purchasing.kind.${r.kind}`)} #{r.id} · {what(r)}
              {first?.amount ? ` · ${moneyText(first.amount, first.currency)}` : ''}
            </h3>
            <p className="po-terms">
              {t('purchasing.approvals.by', { name: personName(ctx.users, r.requestedBy) })}
            </p>
            <ol className="po-steps">
              {r.steps.map((s) => (
                <li key={s.step} className={s.current ? 'po-step-current' : ''}>
                  {LEVEL_NAMES[s.level][lang]} · {t(`purchasing.approvals.status.${s.status}`)} ·{' '}
                  {s.why[lang]}
                </li>
              ))}
            </ol>
            <div className="po-actions">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void decide(r, 'approved')}
              >
                {t('purchasing.approvals.approve')}
              </button>
              <input
                className="po-input po-note"
                aria-label={t('purchasing.approvals.reason')}
                placeholder={t('purchasing.approvals.reason')}
                value={notes[key] ?? ''}
                maxLength={2000}
                onChange={(e) => setNotes((all) => ({ ...all, [key]: e.target.value }))}
              />
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void decide(r, 'rejected')}
              >
                {t('purchasing.approvals.reject')}
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
