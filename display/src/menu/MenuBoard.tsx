import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemAvailability } from '../../../shared/api/menu';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { LoginCancelled, type PersonSession } from '../auth/person-session';
import { EightySixDialog } from './EightySixDialog';
import { MenuItemRow } from './MenuItemRow';
import { backOn, eightySix } from './menu-api';
import type { MenuLiveOptions } from './menu-live';
import { boardOrder, type ReasonContext } from './reason-text';
import { useMenuAvailability } from './use-menu-availability';

export interface MenuBoardProps {
  storeId: string | undefined;
  timezone: string;
  now: number;
  users: StoreInfo['users'];
  /** the logged-in person, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  /** the live feed's knobs; tests stand in for the broker here */
  live?: Omit<MenuLiveOptions, 'storeId'>;
}

/**
 * The store's 86 board (估清): every menu item, what is off first with why in words,
 * then what can be sold. A person 86s an item by hand (a note, then a PIN) and puts
 * back what was 86'd by hand; what equipment or stock keeps off comes back by itself.
 */
export function MenuBoard({ storeId, timezone, now, users, signIn, live }: MenuBoardProps) {
  const { t, i18n } = useTranslation();
  const feed = useMenuAvailability(storeId, live);
  const [asking, setAsking] = useState<ItemAvailability | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const ctx: ReasonContext = { t, language: i18n.language, timezone, users, now };
  const items = feed.snapshot.items;
  const name = (item: ItemAvailability) => localized(item.name, i18n.language);

  async function run(item: ItemAvailability, action: string, work: (token: string) => Promise<unknown>) {
    setProblem(undefined);
    setBusy(item.item);
    try {
      const person = await signIn(action);
      await work(person.token);
    } catch (err) {
      if (!(err instanceof LoginCancelled))
        setProblem(t('menu.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(undefined);
    }
    await feed.refresh();
  }

  if (!items) {
    return (
      <section className="menu-board" data-testid="menu-board">
        <p className="empty">{feed.snapshot.connected ? t('app.loading') : t('menu.unreachable')}</p>
      </section>
    );
  }

  const ordered = boardOrder(items, i18n.language);
  const off = ordered.filter((i) => !i.available);
  const on = ordered.filter((i) => i.available);
  const row = (item: ItemAvailability) => (
    <MenuItemRow
      key={item.item}
      item={item}
      ctx={ctx}
      busy={busy === item.item}
      onEightySix={setAsking}
      onBackOn={(it) =>
        void run(it, t('menu.backOnAction', { item: name(it) }), (token) => backOn(it.item, token))
      }
    />
  );

  return (
    <section className="menu-board" data-testid="menu-board" aria-label={t('menu.title')}>
      <h1 className="menu-title">{t('menu.title')}</h1>
      {feed.snapshot.connected ? null : (
        <p className="dialog-error notice" role="status">
          {t('menu.notLive')}
        </p>
      )}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <h2 className="menu-heading">{t('menu.offHeading', { n: off.length })}</h2>
      {off.length ? (
        <ul className="menu-items menu-items-off">{off.map(row)}</ul>
      ) : (
        <p className="empty">{t('menu.noneOff')}</p>
      )}
      <h2 className="menu-heading">{t('menu.onHeading', { n: on.length })}</h2>
      <ul className="menu-items menu-items-on">{on.map(row)}</ul>
      {asking ? (
        <EightySixDialog
          item={name(asking)}
          onCancel={() => setAsking(undefined)}
          onConfirm={(note) => {
            const item = asking;
            setAsking(undefined);
            void run(item, t('menu.eightySixAction', { item: name(item) }), (token) =>
              eightySix(item.item, note, token),
            );
          }}
        />
      ) : null}
    </section>
  );
}
