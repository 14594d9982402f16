import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceClaimView } from '../../../shared/api/device-claim';
import { formatDateTime } from '../app/format';
import { claimText } from './claim-strings';

export interface PendingClaimsListProps {
  claims: DeviceClaimView[];
  /** units of the store that a claim may be given (the panel's owner decides which) */
  units: string[];
  timezone: string;
  onAccept: (serial: string, equipmentId: string) => void;
  onReject: (serial: string) => void;
  /** a serial whose decision is on its way: its buttons wait */
  busy?: string | undefined;
  error?: string | undefined;
}

/**
 * Devices that claimed credentials with the store's claim key and wait for a technician:
 * one row each, a unit to give it and one tap to accept or reject. Shows no key or secret
 * (the edge never sends one).
 */
export function PendingClaimsList(props: PendingClaimsListProps) {
  const { i18n } = useTranslation();
  const say = (key: Parameters<typeof claimText>[1], values?: Record<string, string>) =>
    claimText(i18n.language, key, values);
  const [chosen, setChosen] = useState<Record<string, string>>({});

  return (
    <section className="pending-claims" data-testid="pending-claims">
      <h2>{say('title')}</h2>
      {props.error && (
        <p role="alert" className="pending-claims-error">
          {say('failed', { message: props.error })}
        </p>
      )}
      {props.claims.length === 0 ? (
        <p className="pending-claims-none">{say('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{say('serial')}</th>
              <th>{say('model')}</th>
              <th>{say('firstSeen')}</th>
              <th>{say('address')}</th>
              <th>{say('unit')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.claims.map((claim) => {
              const unit = chosen[claim.serial] ?? '';
              const busy = props.busy === claim.serial;
              return (
                <tr key={claim.serial} data-serial={claim.serial}>
                  <td>
                    {claim.serial}
                    <small className="pending-claims-link">
                      {' '}
                      {say(claim.connected ? 'waiting' : 'away')}
                    </small>
                  </td>
                  <td>{claim.model ?? '—'}</td>
                  <td>{formatDateTime(claim.firstSeenAt, props.timezone, i18n.language)}</td>
                  <td>{claim.remoteAddress ?? '—'}</td>
                  <td>
                    <select
                      aria-label={`${say('unit')} ${claim.serial}`}
                      value={unit}
                      onChange={(e) => setChosen({ ...chosen, [claim.serial]: e.target.value })}
                    >
                      <option value="">{say('chooseUnit')}</option>
                      {props.units.map((id) => (
                        <option key={id} value={id}>
                          {id}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={busy || unit === ''}
                      onClick={() => props.onAccept(claim.serial, unit)}
                    >
                      {say('accept')}
                    </button>
                    <button type="button" disabled={busy} onClick={() => props.onReject(claim.serial)}>
                      {say('reject')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
