import { usePolledResource } from '../app/use-polled-resource';
import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { PredictiveAssetList, predictivePaths } from './predictive-api';

/**
 * Who may read predictive maintenance (the edge asks `diagnostics.read` of the maintenance
 * roles): nobody logged in yet (the screen asks for a PIN), someone who may, or someone who
 * may not (told so, never shown a request that would be refused).
 */
export type PredictiveAccess =
  | { kind: 'signedOut' }
  | { kind: 'refused'; name: string }
  | { kind: 'allowed'; token: string };

export function predictiveAccess(person: PersonSession | undefined): PredictiveAccess {
  if (!person) return { kind: 'signedOut' };
  if (!personMay(person, 'diagnostics.read')) return { kind: 'refused', name: person.name };
  return { kind: 'allowed', token: person.token };
}

/** Whether the nav and the equipment detail offer the screen: not to someone who may not read it. */
export function mayOfferPredictive(person: PersonSession | undefined): boolean {
  return predictiveAccess(person).kind !== 'refused';
}

/**
 * The top bar names the screen only to someone signed in who may read it: the wall
 * screen's bar is full, and the equipment detail still offers it (with a sign-in) to anyone.
 */
export function predictiveInNav(person: PersonSession | undefined): boolean {
  return predictiveAccess(person).kind === 'allowed';
}

/** The watched assets, asked again every `pollMs` while the screen is open and someone may read them. */
export function usePredictiveAssets(access: PredictiveAccess, pollMs: number) {
  const token = access.kind === 'allowed' ? access.token : undefined;
  return usePolledResource(token ? predictivePaths.assets : undefined, PredictiveAssetList, token, pollMs);
}
