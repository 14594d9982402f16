import {
  type DisplayPaired,
  DisplayPaired as DisplayPairedSchema,
  PairingClaim,
  PairingConfirmed,
  type PairingStarted,
  PairingStarted as PairingStartedSchema,
} from '../../../shared/api/displays';
import { requestEdge } from '../api/edge-client';
import { type DisplayCredentialStore, displayCredential } from './display-credential';

/** The calls a display makes to pair itself; the credential lands in `displayCredential`. */

export function startPairing(): Promise<PairingStarted> {
  return requestEdge('/api/displays/pairing', PairingStartedSchema, { method: 'POST' });
}

/** `true` once paired (the credential is then stored), `false` while still waiting. */
export async function claimPairing(started: PairingStarted, store = displayCredential): Promise<boolean> {
  const claim = await requestEdge('/api/displays/pairing/claim', PairingClaim, {
    method: 'POST',
    body: { pairingId: started.pairingId, claimSecret: started.claimSecret },
  });
  if (claim.status === 'waiting') return false;
  remember(claim, store);
  return true;
}

/** A manager's confirmation typed on the display itself (another device may do the same). */
export async function confirmPairing(code: string, user: string, pin: string): Promise<void> {
  await requestEdge(`/api/displays/pairing/${code}/confirm`, PairingConfirmed, {
    method: 'POST',
    body: { user, pin },
  });
}

const FRAGMENT = /(?:^#|&)pair=([^&]+)/;

/**
 * A one-time link `…/#pair=<ticket>` (printed by `npm start`): the ticket is
 * exchanged for this display's credential and taken out of the address bar at once,
 * so it is neither bookmarked nor shown. Resolves whether the display is now paired
 * by it; an unknown or used ticket leaves the display as it was.
 */
export async function pairFromLink(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  store: DisplayCredentialStore = displayCredential,
): Promise<'none' | 'paired' | 'refused'> {
  const match = FRAGMENT.exec(location.hash);
  if (!match?.[1]) return 'none';
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  try {
    const paired = await requestEdge('/api/displays/pairing/ticket', DisplayPairedSchema, {
      method: 'POST',
      body: { ticket: decodeURIComponent(match[1]) },
    });
    remember(paired, store);
    return 'paired';
  } catch {
    return 'refused';
  }
}

function remember(paired: DisplayPaired, store: DisplayCredentialStore): void {
  store.set({ credential: paired.credential, id: paired.display.id, name: paired.display.name });
}
