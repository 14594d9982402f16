import { useTranslation } from 'react-i18next';
import type { PmOverdueFlag } from '../../../shared/api/maintenance';
import { localized } from '../../../shared/browser/locale';

/** On a repair ticket: the machine's preventive maintenance is late, which may be why it broke. */
export function PmOverdueBadge({ flags }: { flags: readonly PmOverdueFlag[] | undefined }) {
  const { i18n } = useTranslation();
  if (!flags?.length) return null;
  return (
    <>
      {flags.map((flag) => (
        <span
          key={flag.workOrderId}
          className="badge-warning pm-overdue"
          data-testid="pm-overdue"
          data-work-order-id={flag.workOrderId}
        >
          <span aria-hidden="true">⚠ </span>
          {localized(flag.label, i18n.language)}
        </span>
      ))}
    </>
  );
}
