import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import {
  EquipmentDowntimeOverview,
  type StoreEquipmentDowntime,
} from '../../../../shared/central/downtime-api';
import { RegionalStock, STOCK_ROUTES, type StoreStock } from '../../../../shared/central/stock-api';
import type { LocalizedText } from '../../../../shared/localized-text';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatDateTime, formatDuration } from '../format/time';
import { catalogName } from '../names/names';
import { formatMoney, formatPortions, formatStock, reasonInWords } from './stock-format';

interface StockPanelProps {
  poll: PollOptions;
  now: number;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 库存与估清: what the stores are short of, what is 86'd now and why, and which equipment cost the menu most. */
export function StockPanel({ poll, now, inRegion, onOpenStore }: StockPanelProps) {
  const { t } = useTranslation();
  const stock = usePoll(STOCK_ROUTES.stock, RegionalStock, poll);
  // Central's default range: the 7 days up to now.
  const downtime = usePoll(STOCK_ROUTES.equipmentDowntime, EquipmentDowntimeOverview, poll);
  if (!stock.data || !downtime.data) return <p className="empty">{t('app.loading')}</p>;
  return (
    <StockBoard
      stores={inRegion(stock.data.stores)}
      downtime={inRegion(downtime.data.equipment)}
      now={now}
      onOpenStore={onOpenStore}
    />
  );
}

interface StockBoardProps {
  stores: readonly StoreStock[];
  downtime: readonly StoreEquipmentDowntime[];
  now: number;
  onOpenStore: (storeId: string) => void;
}

export function StockBoard({ stores, downtime, now, onOpenStore }: StockBoardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const short = stores.filter((s) => s.low.length > 0);
  const eightySixed = stores
    .flatMap((store) => store.eightySixed.map((item) => ({ store, item })))
    .sort((a, b) => a.item.since - b.item.since);
  const storeCell = (store: { storeId: string; storeName: string }) => (
    <td>
      <button type="button" className="link store-link" onClick={() => onOpenStore(store.storeId)}>
        {store.storeName}
      </button>
      <span className="muted small"> {store.storeId}</span>
    </td>
  );
  return (
    <div className="stock-board">
      <section data-testid="regional-stock">
        <h2>{t('stock.shortTitle')}</h2>
        <p className="muted small">{t('stock.shortHint')}</p>
        {short.length === 0 ? (
          <p className="empty">{t('stock.noneShort')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('stock.store')}</th>
                <th>{t('stock.ingredient')}</th>
                <th className="num">{t('stock.projected')}</th>
                <th className="num">{t('stock.min')}</th>
                <th>{t('stock.lowSince')}</th>
              </tr>
            </thead>
            <tbody>
              {short.flatMap((store) =>
                store.low.map((low, i) => (
                  <tr
                    key={`${store.storeId}/${low.ingredient}`}
                    data-testid={`low-${store.storeId}-${low.ingredient}`}
                  >
                    {i === 0 ? storeCell(store) : <td />}
                    <CatalogCell name={low.name} id={low.ingredient} language={language} />
                    <td className="num">
                      <strong>{formatStock(low.projected, low.unit, language, t)}</strong>
                    </td>
                    <td className="num">{formatStock(low.min, low.unit, language, t)}</td>
                    <td>{formatDateTime(low.lowSince, language)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </section>
      <section data-testid="regional-86">
        <h2>{t('stock.eightySixTitle')}</h2>
        {eightySixed.length === 0 ? (
          <p className="empty">{t('stock.noneEightySixed')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('stock.store')}</th>
                <th>{t('stock.item')}</th>
                <th className="num">{t('stock.off')}</th>
                <th>{t('stock.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {eightySixed.map(({ store, item }) => (
                <tr key={`${store.storeId}/${item.item}`} data-testid={`86-${store.storeId}-${item.item}`}>
                  {storeCell(store)}
                  <CatalogCell name={item.name} id={item.item} language={language} />
                  <td className="num" title={formatDateTime(item.since, language)}>
                    {formatDuration((now - item.since) / 1000, t)}
                  </td>
                  <td>
                    {item.reasons.map((reason) => (
                      <div key={`${reason.kind}-${reason.since}`} className="reason">
                        {reasonInWords(reason, language, t, item.ingredientNames)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section data-testid="regional-downtime">
        <h2>{t('stock.downtimeTitle')}</h2>
        <p className="muted small">{t('stock.downtimeHint')}</p>
        {downtime.length === 0 ? (
          <p className="empty">{t('stock.noDowntime')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('stock.store')}</th>
                <th>{t('stock.equipment')}</th>
                <th className="num">{t('stock.menuTime')}</th>
                <th>{t('stock.items')}</th>
                <th className="num">{t('stock.portionsLost')}</th>
                <th className="num">{t('stock.salesLost')}</th>
              </tr>
            </thead>
            <tbody>
              {downtime.map((unit) => (
                <tr
                  key={`${unit.storeId}/${unit.equipmentId}`}
                  data-testid={`downtime-${unit.storeId}-${unit.equipmentId}`}
                >
                  {storeCell(unit)}
                  <td>{unit.name ? localized(unit.name, language) : unit.equipmentId}</td>
                  <td className="num">
                    <strong>{formatDuration(unit.menuOffMs / 1000, t)}</strong>
                  </td>
                  <td>
                    {unit.items
                      .map((item) =>
                        t(item.costedEpisodes > 0 ? 'stock.itemLoss' : 'stock.itemOff', {
                          item: catalogName(item.name, item.item, language),
                          time: formatDuration(item.offMs / 1000, t),
                          portions: formatPortions(item.portionsLost, language),
                        }),
                      )
                      .join(language === 'zh-CN' ? '、' : ', ')}
                  </td>
                  <td className="num">
                    {unit.costedEpisodes === 0 ? (
                      <span className="muted">{t('stock.notPricedYet')}</span>
                    ) : (
                      formatPortions(unit.portionsLost, language)
                    )}
                  </td>
                  <td className="num">
                    {unit.money.length > 0 ? (
                      <span title={unit.unpricedEpisodes > 0 ? t('stock.someUnpriced') : undefined}>
                        {formatMoney(unit.money, language)}
                      </span>
                    ) : (
                      <span className="muted">
                        {unit.costedEpisodes === 0 ? t('stock.notPricedYet') : t('stock.noPrice')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/**
 * An ingredient or menu item by the name its store gave it, with the id on hover; the id
 * itself, set as code, until the store's catalogue has reached central.
 */
function CatalogCell({
  name,
  id,
  language,
}: {
  name: LocalizedText | null | undefined;
  id: string;
  language: string;
}) {
  return name ? (
    <td title={id} data-catalog-id={id}>
      {catalogName(name, id, language)}
    </td>
  ) : (
    <td className="mono" data-catalog-id={id}>
      {id}
    </td>
  );
}
