import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuLiveOptions } from './menu-live';
import { listOf, stripGroups } from './reason-text';
import { useMenuAvailability } from './use-menu-availability';

interface EightySixStripProps {
  storeId: string | undefined;
  /** the live feed's knobs; tests stand in for the broker here */
  live?: Omit<MenuLiveOptions, 'storeId'>;
}

/**
 * A line above the order screens' tickets naming what cannot be sold now and, in a few
 * words, why ("86: Fries, Nuggets — fryers down"). Nothing off, no line.
 */
export function EightySixStrip({ storeId, live }: EightySixStripProps) {
  const { t, i18n } = useTranslation();
  const { snapshot } = useMenuAvailability(storeId, live);
  const groups = stripGroups(snapshot.items ?? [], { t, language: i18n.language });
  if (groups.length === 0) return null;
  return (
    <p className="kds-86-strip" data-testid="kds-86-strip" role="status" aria-label={t('menu.stripLabel')}>
      <span className="kds-86-lead">{t('menu.stripLead')}</span>{' '}
      {groups.map((group, i) => (
        <Fragment key={group.reason}>
          {i > 0 ? <span className="kds-86-separator">{t('menu.stripSeparator')}</span> : null}
          <span className="kds-86-group">
            {t('menu.stripGroup', { items: listOf(group.items, t), reason: group.reason })}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
