import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import type { PrescriptiveResult } from '../../../shared/predictive/prescriptive';
import { moneyText } from './predictive-words';

/** The recommendation with every figure behind it and the rule that decided, as the edge computed them. */
export function RepairOrReplace({ result }: { result: PrescriptiveResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const f = result.figures;
  const rows: [string, string][] = [
    [
      t('predictive.rr.quote'),
      f.quotePercentOfReplacement === null
        ? t('predictive.rr.noQuote')
        : t('predictive.rr.quoteShare', { percent: f.quotePercentOfReplacement }),
    ],
    [t('predictive.rr.lifeUsed'), `${f.lifeUsedPercent} %`],
    [t('predictive.rr.repairs'), moneyText(f.repairsLast12Months, lang)],
    [t('predictive.rr.energy'), moneyText(f.energyPenaltyPerYear, lang)],
    [t('predictive.rr.downtime'), moneyText(f.downtimeCostLast12Months, lang)],
    [t('predictive.rr.keeping'), moneyText(f.costOfKeepingThisYear, lang)],
    [t('predictive.rr.replacement'), moneyText(f.replacementPrice, lang)],
  ];
  return (
    <section className="pm-rr" aria-label={t('predictive.rr.title')} data-testid="pm-rr">
      <h3>
        {t('predictive.rr.verdictLabel')}{' '}
        <strong
          className={`pm-verdict pm-verdict-${result.recommendation}`}
          data-verdict={result.recommendation}
        >
          {t(`predictive.rr.${result.recommendation}`)}
        </strong>
      </h3>
      <p className="pm-rule">{t('predictive.rr.rule', { rule: localized(result.ruleText, lang) })}</p>
      <dl className="pm-figures">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
