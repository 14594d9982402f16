import { useState } from 'react';
import { z } from 'zod';
import { DeviceClaimView } from '../../../shared/api/device-claim';
import { requestEdge } from '../api/edge-client';
import { usePolledResource } from '../app/use-polled-resource';
import { PendingClaimsList } from './PendingClaimsList';

const ClaimList = z.array(DeviceClaimView);

/** A claimant waits connected for its reply; asking every few seconds keeps the tap-to-device short. */
const POLL_MS = 3000;

export interface PendingClaimsPanelProps {
  /** a technician's or manager's session token (diagnostics.read to list; accepting needs more) */
  token: string;
  /** units of the store config a claim may be given */
  units: string[];
  timezone: string;
}

/** The pending-claims list, fed from `GET /api/commissioning/claims`, deciding over the same API. */
export function PendingClaimsPanel({ token, units, timezone }: PendingClaimsPanelProps) {
  const { resource, refresh } = usePolledResource('/api/commissioning/claims', ClaimList, token, POLL_MS);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const decide = (serial: string, action: 'accept' | 'reject', body?: { equipmentId: string }) => {
    setBusy(serial);
    setError(undefined);
    requestEdge(`/api/commissioning/claims/${encodeURIComponent(serial)}/${action}`, DeviceClaimView, {
      method: 'POST',
      token,
      ...(body ? { body } : {}),
    })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        setBusy(undefined);
        refresh();
      });
  };

  const claims = resource.status === 'ok' ? resource.data : [];
  const problem = error ?? (resource.status === 'error' ? resource.message : undefined);
  return (
    <PendingClaimsList
      claims={claims}
      units={units}
      timezone={timezone}
      busy={busy}
      error={problem}
      onAccept={(serial, equipmentId) => decide(serial, 'accept', { equipmentId })}
      onReject={(serial) => decide(serial, 'reject')}
    />
  );
}
