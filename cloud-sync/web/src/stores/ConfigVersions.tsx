import { useTranslation } from 'react-i18next';
import type { ConfigVersionInfo } from '../../../../shared/central/api';
import { formatDateTime } from '../format/time';

interface ConfigVersionsProps {
  versions: readonly ConfigVersionInfo[];
  appliedVersion: number | null;
}

/** Versions pushed to the store, newest first, with what the store said about each. */
export function ConfigVersions({ versions, appliedVersion }: ConfigVersionsProps) {
  const { t, i18n } = useTranslation();
  if (versions.length === 0) return <p className="empty">{t('detail.noConfig')}</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t('detail.version')}</th>
          <th>{t('detail.createdAt')}</th>
          <th>{t('detail.createdBy')}</th>
          <th>{t('detail.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} className={v.version === appliedVersion ? 'row-current' : undefined}>
            <td>v{v.version}</td>
            <td>{formatDateTime(v.createdAt, i18n.language)}</td>
            <td>{v.createdBy}</td>
            <td>
              {v.report === null ? (
                <span className="muted">{t('detail.waiting')}</span>
              ) : v.report.outcome === 'applied' ? (
                <span className="tone-ok">{t('detail.applied')}</span>
              ) : (
                <span className="tone-critical">
                  {t('detail.rejected')}: {v.report.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
