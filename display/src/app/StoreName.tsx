import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';

/**
 * The header's store name in the language on screen, where the config gives it in both;
 * otherwise its one name, and the app's title until the edge has said which store it is.
 * The whole name is its tooltip: a narrow screen cuts it short.
 */
export function StoreName({ store }: { store: Pick<StoreInfo, 'name' | 'localizedName'> | undefined }) {
  const { t, i18n } = useTranslation();
  const name = store
    ? store.localizedName
      ? localized(store.localizedName, i18n.language)
      : store.name
    : t('app.title');
  return (
    <h1 className="store-name" title={name}>
      {name}
    </h1>
  );
}
