import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../shared/api/commissioning';
import type { HandoverTestAlarm } from '../../../shared/api/commissioning-handover';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';

type RaisedTrip = HandoverTestAlarm & { raisedAt: number };

interface ChecklistSectionsProps {
  items: readonly ChecklistItem[];
  nameOf: (subject: string) => string;
  /** per unit, its test alarm raised at the box and seen at central (the handover's view) */
  testAlarms: readonly HandoverTestAlarm[] | undefined;
  timezone: string;
}

/**
 * One section per check the box verifies from live data (reporting, in range, pulled down,
 * test alarm seen at central, display, sync, users and PINs, food-safety control points):
 * its state, how far it is, and what it still waits for and why.
 */
export function ChecklistSections({ items, nameOf, testAlarms, timezone }: ChecklistSectionsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Units with no alarm yet are already named under the check; the round trips are of those raised.
  const raised = (testAlarms ?? []).filter((trip): trip is RaisedTrip => trip.raisedAt !== null);
  return (
    <ol className="cm-items" aria-label={t('commissioning.checks')}>
      {items.map((item) => (
        <li
          key={item.id}
          className={`cm-item ${item.complete ? 'cm-complete' : 'cm-open'}`}
          data-item={item.id}
          data-complete={item.complete}
        >
          <div className="cm-item-head">
            <span className="cm-mark" aria-hidden="true">
              {item.complete ? '✓' : '○'}
            </span>
            <h3 className="cm-item-title">{localized(item.title, lang)}</h3>
            <span className={`cm-state ${item.complete ? 'cm-state-complete' : 'cm-state-open'}`}>
              {t(item.complete ? 'commissioning.state.complete' : 'commissioning.state.open')}
            </span>
            <span className="cm-count">
              {t('commissioning.count', { done: item.done, total: item.total })}
            </span>
          </div>
          <meter
            className="cm-meter"
            min={0}
            max={Math.max(item.total, 1)}
            value={item.total === 0 ? 1 : item.done}
            aria-label={localized(item.title, lang)}
          />
          {item.waiting.length > 0 ? (
            <ul className="cm-waiting" aria-label={t('commissioning.waitingFor')}>
              {item.waiting.map((w, i) => (
                // A subject may wait for more than one reason (silent and out of range).
                // biome-ignore lint/suspicious/noArrayIndexKey: the box's order is the rows' identity
                <li key={`${w.subject ?? ''}-${i}`} data-subject={w.subject ?? ''}>
                  <strong>{w.subject ? nameOf(w.subject) : t('commissioning.storeWide')}</strong>
                  {t('commissioning.colon')}
                  {localized(w.reason, lang)}
                </li>
              ))}
            </ul>
          ) : null}
          {item.id === 'test_alarms' && raised.length > 0 ? (
            <div className="cm-trips">
              <h4>{t('commissioning.roundTrip')}</h4>
              <ul>
                {raised.map((trip) => (
                  <li key={trip.equipmentId} data-trip={trip.equipmentId}>
                    {tripText(trip)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );

  function tripText(trip: RaisedTrip): string {
    const unit = nameOf(trip.equipmentId);
    if (trip.roundTripS !== null)
      return t('commissioning.roundTripSeen', { unit, seconds: trip.roundTripS.toFixed(1) });
    return t('commissioning.roundTripRaised', {
      unit,
      time: formatTime(trip.raisedAt, timezone, lang),
    });
  }
}
