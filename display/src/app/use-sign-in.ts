import { useCallback, useState } from 'react';
import type { StoredPairing } from '../auth/display-credential';
import { LoginCancelled, type PersonSession } from '../auth/person-session';

/** An action waiting for a person: the PIN pad (or first the pairing) asks on its behalf. */
export interface PendingLogin {
  action: string;
  resolve: (session: PersonSession) => void;
  reject: (err: Error) => void;
}

export interface SignInRequests {
  /** waiting for a PIN */
  pending: PendingLogin | undefined;
  setPending: (next: PendingLogin | undefined) => void;
  /** waiting for this display to be paired, before the PIN */
  pairingFor: PendingLogin | undefined;
  setPairingFor: (next: PendingLogin | undefined) => void;
  /** closes both, the waiting action told it was cancelled (back to the board) */
  cancel: () => void;
}

/** What waits on a PIN or a pairing. Apart from the session so that going idle can cancel it. */
export function useSignInRequests(): SignInRequests {
  const [pending, setPending] = useState<PendingLogin | undefined>();
  const [pairingFor, setPairingFor] = useState<PendingLogin | undefined>();
  const cancel = useCallback(() => {
    setPending(undefined);
    setPairingFor((p) => {
      p?.reject(new LoginCancelled());
      return undefined;
    });
  }, []);
  return { pending, setPending, pairingFor, setPairingFor, cancel };
}

/**
 * Runs `act` as the logged-in person, asking for a PIN first when nobody is, and
 * before that for pairing when this display is not paired: people act only on a
 * display a manager vouched for.
 */
export function useAsPerson(
  session: PersonSession | undefined,
  paired: StoredPairing | undefined,
  requests: Pick<SignInRequests, 'setPending' | 'setPairingFor'>,
): (action: string) => Promise<PersonSession> {
  const { setPending, setPairingFor } = requests;
  return useCallback(
    (action: string): Promise<PersonSession> =>
      session
        ? Promise.resolve(session)
        : new Promise<PersonSession>((resolve, reject) =>
            paired ? setPending({ action, resolve, reject }) : setPairingFor({ action, resolve, reject }),
          ),
    [session, paired, setPending, setPairingFor],
  );
}
