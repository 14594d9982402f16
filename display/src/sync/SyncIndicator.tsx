import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncHealth } from '../../../shared/sync/sync-protocol';
import { formatAge, formatDateTime } from '../app/format';
import { type SyncStatus, syncStatus } from './sync-status';

interface SyncIndicatorProps {
  /** undefined until the first answer, or where this edge has no sync API */
  health: SyncHealth | undefined;
  now: number;
  timezone: string;
}

/** Under a minute, "0 min ago" reads like a fault: it is "just now". */
const MINUTE_MS = 60_000;

const ICON: Record<SyncStatus['kind'], string> = {
  off: '○',
  synced: '✓',
  sending: '↑',
  retrying: '↻',
  unreachable: '⚠',
};

/**
 * A quiet word in the header on how the store talks to the regional office. The
 * kitchen is not the audience: only a long outage gets a colour; the details,
 * last error included, are one tap away for the manager.
 */
export function SyncIndicator({ health, now, timezone }: SyncIndicatorProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!health) return null;
  const status = syncStatus(health, now);
  const label = labelOf(status, now, t);
  return (
    <>
      <button
        type="button"
        className={`sync-indicator sync-${status.kind}`}
        data-testid="sync-indicator"
        data-sync={status.kind}
        aria-label={t('sync.open', { status: label })}
        onClick={() => setOpen(true)}
      >
        <span className="sync-icon" aria-hidden="true">
          {ICON[status.kind]}
        </span>
        <span className="sync-label">{label}</span>
        <span className="sync-label-short" aria-hidden="true">
          {shortLabelOf(status, now, t)}
        </span>
      </button>
      {open ? (
        <div className="overlay" role="dialog" aria-modal="true" aria-label={t('sync.title')}>
          <div className="dialog sync-details" data-testid="sync-details">
            <h2>{t('sync.title')}</h2>
            <p className={`sync-summary sync-${status.kind}`}>
              <span aria-hidden="true">{ICON[status.kind]} </span>
              {label}
            </p>
            <dl className="readings">
              <Row label={t('sync.central')} value={health.centralUrl ?? t('sync.none')} />
              <Row
                label={t('sync.backlog')}
                value={t('sync.backlogParts', { high: health.backlog.high, low: health.backlog.low })}
              />
              <Row
                label={t('sync.lastSuccess')}
                value={
                  health.lastSuccessAt === null
                    ? t('sync.never')
                    : formatDateTime(health.lastSuccessAt, timezone, i18n.language)
                }
              />
              <Row
                label={t('sync.lastAttempt')}
                value={
                  health.lastAttemptAt === null
                    ? t('sync.never')
                    : formatDateTime(health.lastAttemptAt, timezone, i18n.language)
                }
              />
              {health.droppedRollups > 0 ? (
                <Row label={t('sync.dropped')} value={String(health.droppedRollups)} />
              ) : null}
              <Row
                label={t('sync.configVersion')}
                value={health.configVersion === null ? t('sync.none') : String(health.configVersion)}
              />
            </dl>
            {health.lastError ? (
              <p className="sync-error" data-testid="sync-last-error">
                {t('sync.lastError', {
                  time: formatDateTime(health.lastError.at, timezone, i18n.language),
                  message: health.lastError.message,
                })}
              </p>
            ) : null}
            <p className="dialog-sub">{t('sync.reassure')}</p>
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={() => setOpen(false)}>
                {t('app.close')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function labelOf(status: SyncStatus, now: number, t: ReturnType<typeof useTranslation>['t']): string {
  switch (status.kind) {
    case 'off':
      return t('sync.off');
    case 'synced':
      if (status.lastSuccessAt === null) return t('sync.synced');
      return now - status.lastSuccessAt < MINUTE_MS
        ? t('sync.syncedJustNow')
        : t('sync.syncedAgo', { age: formatAge(now - status.lastSuccessAt, t) });
    case 'sending':
      return t('sync.sending', { count: status.backlog });
    case 'retrying':
      return t('sync.retrying', { count: status.backlog });
    case 'unreachable':
      return t('sync.unreachable', { age: formatAge(status.downMs, t), count: status.backlog });
  }
}

/** The tablet's header has room for a few characters only: the count or the age. */
function shortLabelOf(status: SyncStatus, now: number, t: ReturnType<typeof useTranslation>['t']): string {
  switch (status.kind) {
    case 'off':
      return t('sync.offShort');
    case 'synced':
      if (status.lastSuccessAt === null) return '';
      return now - status.lastSuccessAt < MINUTE_MS
        ? t('sync.justNow')
        : formatAge(now - status.lastSuccessAt, t);
    case 'sending':
    case 'retrying':
      return String(status.backlog);
    case 'unreachable':
      return formatAge(status.downMs, t);
  }
}
