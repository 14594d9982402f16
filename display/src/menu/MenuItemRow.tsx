import { useTranslation } from 'react-i18next';
import type { ItemAvailability, UnavailableReason } from '../../../shared/api/menu';
import { localized } from '../../../shared/browser/locale';
import { type ReasonContext, reasonText, sinceText } from './reason-text';

interface MenuItemRowProps {
  item: ItemAvailability;
  ctx: ReasonContext;
  /** an action on this item is under way */
  busy: boolean;
  onEightySix: (item: ItemAvailability) => void;
  onBackOn: (item: ItemAvailability) => void;
}

/**
 * One menu item on the 86 board: its state as a word and a mark, each reason in full,
 * and what a person may do about it. Only a hand 86 can be undone by hand; equipment
 * and stock put the item back by themselves, and the row says so.
 */
export function MenuItemRow({ item, ctx, busy, onEightySix, onBackOn }: MenuItemRowProps) {
  const { t } = useTranslation();
  const manual = item.reasons.some((r) => r.kind === 'manual');
  const equipment = item.reasons.some((r) => r.kind === 'equipment');
  const stock = item.reasons.some((r) => r.kind === 'stock');
  const id = item.item;
  return (
    <li
      className={`menu-item ${item.available ? 'menu-item-on' : 'menu-item-off'}`}
      data-testid={`menu-item-${id}`}
      data-available={item.available}
    >
      <div className="menu-item-head">
        <span className="menu-item-state">
          {item.available ? `● ${t('menu.available')}` : `✕ ${t('menu.unavailable')}`}
        </span>
        <span className="menu-item-name">{localized(item.name, ctx.language)}</span>
        {item.available ? null : (
          <span className="menu-item-since">{t('menu.since', { time: sinceText(item.since, ctx) })}</span>
        )}
      </div>
      {item.reasons.length ? (
        <ul className="menu-reasons">
          {item.reasons.map((reason) => (
            <li key={reasonKey(reason)} className={`menu-reason menu-reason-${reason.kind}`}>
              {reasonText(reason, ctx)}
            </li>
          ))}
        </ul>
      ) : null}
      {equipment ? <p className="menu-not-by-hand">{t('menu.equipmentNotByHand')}</p> : null}
      {stock ? <p className="menu-not-by-hand">{t('menu.stockNotByHand')}</p> : null}
      <div className="menu-item-actions">
        {manual ? (
          <button
            type="button"
            className="primary"
            data-testid={`menu-back-${id}`}
            disabled={busy}
            onClick={() => onBackOn(item)}
          >
            {t('menu.backOn')}
          </button>
        ) : (
          <button
            type="button"
            className="secondary menu-86-button"
            data-testid={`menu-86-${id}`}
            disabled={busy}
            onClick={() => onEightySix(item)}
          >
            {t('menu.eightySix')}
          </button>
        )}
      </div>
    </li>
  );
}

/** An item has at most one reason of each kind per capability or ingredient. */
function reasonKey(reason: UnavailableReason): string {
  if (reason.kind === 'equipment') return `equipment:${reason.capability}`;
  if (reason.kind === 'stock') return `stock:${reason.ingredient ?? ''}`;
  return 'manual';
}
