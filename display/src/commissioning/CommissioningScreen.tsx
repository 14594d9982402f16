import { useTranslation } from 'react-i18next';
import type { ChecklistItemId } from '../../../shared/api/commissioning';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';
import { usePolledResource } from '../app/use-polled-resource';
import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { ChecklistSections } from './ChecklistSections';
import { headline, subjectNamer } from './checklist-words';
import { commissioningAccess } from './commissioning-access';
import { CommissioningChecklist, commissioningPaths, HandoverStatus } from './commissioning-api';
import { HandoverPanel } from './HandoverPanel';
import { PendingClaimsPanel } from './PendingClaimsPanel';
import './commissioning.css';

export interface CommissioningScreenProps {
  person: PersonSession | undefined;
  /** the person for an action, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  equipment: readonly EquipmentView[];
  users: StoreInfo['users'];
  timezone: string;
  /** the checklist is computed from live data on each read: asked again this often */
  pollMs?: number;
  /** the handover gathers the report's data on each read: asked for less often */
  handoverPollMs?: number;
}

/**
 * 开业验收 on the kitchen display: how far the store is from being proven (the reporting
 * units as the headline, every check with what it waits for), the devices waiting to be
 * accepted, and the handover with its report and signature. Read live from the box.
 */
export function CommissioningScreen({
  person,
  signIn,
  equipment,
  users,
  timezone,
  pollMs = 5_000,
  handoverPollMs = 15_000,
}: CommissioningScreenProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const access = commissioningAccess(person);
  const token = access.kind === 'allowed' ? access.token : undefined;
  const checklist = usePolledResource(
    token ? commissioningPaths.checklist : undefined,
    CommissioningChecklist,
    token,
    pollMs,
  );
  const handover = usePolledResource(
    token ? commissioningPaths.handover : undefined,
    HandoverStatus,
    token,
    handoverPollMs,
  );

  const head = (
    <div className="cm-top">
      <h1 className="cm-title">{t('commissioning.title')}</h1>
      <p className="cm-muted">{t('commissioning.intro')}</p>
    </div>
  );
  if (access.kind !== 'allowed' || !person)
    return (
      <section className="cm-screen" data-testid="cm-screen">
        {head}
        {access.kind === 'refused' ? (
          <p className="dialog-error notice" role="alert">
            {t('commissioning.notAllowed', { name: access.name })}
          </p>
        ) : (
          <>
            <p className="cm-muted">{t('commissioning.signInFirst')}</p>
            <button
              type="button"
              className="primary"
              onClick={() => void signIn(t('commissioning.signInAction')).catch(() => undefined)}
            >
              {t('commissioning.signIn')}
            </button>
          </>
        )}
      </section>
    );
  if (checklist.resource.status !== 'ok')
    return (
      <section className="cm-screen" data-testid="cm-screen">
        {head}
        {checklist.resource.status === 'error' ? (
          <p className="dialog-error notice" role="alert">
            {t('commissioning.failed', { message: checklist.resource.message })}
          </p>
        ) : (
          <p className="empty">{t('commissioning.loading')}</p>
        )}
      </section>
    );

  const list = checklist.resource.data;
  const status = handover.resource.status === 'ok' ? handover.resource.data : undefined;
  const nameOf = subjectNamer(equipment, users, lang);
  const completeCount = list.items.filter((i) => i.complete).length;
  const titleOf = (id: ChecklistItemId) => {
    const item = list.items.find((i) => i.id === id);
    return item ? localized(item.title, lang) : id;
  };
  return (
    <section className="cm-screen" data-testid="cm-screen" data-complete={list.complete}>
      {head}
      <div className={`cm-headline ${list.complete ? 'cm-headline-done' : ''}`} role="status">
        <p className="cm-headline-main" data-testid="cm-headline">
          {headline(list, nameOf, t, lang)}
        </p>
        <p className="cm-headline-sub">
          {list.complete
            ? t('commissioning.allDone')
            : t('commissioning.itemsDone', { done: completeCount, total: list.items.length })}
          {' · '}
          {t('commissioning.checkedAt', { time: formatTime(list.checkedAt, timezone, lang, true) })}
        </p>
      </div>
      <div className="cm-body">
        <ChecklistSections
          items={list.items}
          nameOf={nameOf}
          testAlarms={status?.testAlarms}
          timezone={timezone}
        />
        <div className="cm-side">
          <HandoverPanel
            person={person}
            users={users}
            timezone={timezone}
            signature={handover.resource.status === 'ok' ? handover.resource.data.signature : undefined}
            openItems={list.items.filter((i) => !i.complete).map((i) => i.id)}
            titleOf={titleOf}
            onSigned={() => {
              handover.refresh();
              checklist.refresh();
            }}
          />
          {personMay(person, 'devices.claim') ? (
            <PendingClaimsPanel token={access.token} units={equipment.map((e) => e.id)} timezone={timezone} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
