import type { StoreInfo } from '../../../shared/api/store';
import { PairDisplayDialog } from '../auth/PairDisplayDialog';
import { PinDialog } from '../auth/PinDialog';
import { LoginCancelled, type PersonSession } from '../auth/person-session';
import type { SignInRequests } from './use-sign-in';

interface SignInDialogsProps {
  requests: SignInRequests;
  users: StoreInfo['users'];
  timezone: string;
  onSignedIn: (person: PersonSession) => void;
}

/** Pairing this display first, for an action asked for while it is not paired (or from its indicator). */
export function PairingDialog({ requests, users, timezone }: Omit<SignInDialogsProps, 'onSignedIn'>) {
  const { pairingFor, setPairingFor, setPending } = requests;
  if (!pairingFor) return null;
  return (
    <PairDisplayDialog
      action={pairingFor.action}
      users={users}
      timezone={timezone}
      onPaired={() => {
        setPairingFor(undefined);
        // Straight on to the PIN for what was tapped (the indicator's own tap asks nothing more).
        if (pairingFor.action !== '') setPending(pairingFor);
      }}
      onCancel={() => {
        setPairingFor(undefined);
        pairingFor.reject(new LoginCancelled());
      }}
    />
  );
}

/** The PIN pad for the action waiting on a person; the person signed in stays the session. */
export function PinPad({ requests, users, onSignedIn }: Omit<SignInDialogsProps, 'timezone'>) {
  const { pending, setPending } = requests;
  if (!pending) return null;
  return (
    <PinDialog
      action={pending.action}
      users={users}
      onDone={(person) => {
        onSignedIn(person);
        setPending(undefined);
        pending.resolve(person);
      }}
      onCancel={() => {
        setPending(undefined);
        pending.reject(new LoginCancelled());
      }}
    />
  );
}
