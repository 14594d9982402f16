import { useCallback, useState } from 'react';
import { PinDialog } from '../../auth/PinDialog';
import { LoginCancelled, type PersonSession } from '../../auth/person-session';
import { StockScreen } from '../StockScreen';
import { NOW, USERS } from './stock-fixtures';

interface Pending {
  action: string;
  resolve: (session: PersonSession) => void;
  reject: (err: Error) => void;
}

/**
 * The stock screen wired as App wires it: `signIn` is the logged-in person or the PIN
 * pad first, and whoever logs in stays logged in for the next action.
 */
export function StockScreenWithPin({ now = NOW }: { now?: number }) {
  const [person, setPerson] = useState<PersonSession | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const signIn = useCallback(
    (action: string) =>
      person
        ? Promise.resolve(person)
        : new Promise<PersonSession>((resolve, reject) => setPending({ action, resolve, reject })),
    [person],
  );
  return (
    <>
      <StockScreen person={person} signIn={signIn} users={USERS} timezone="UTC" now={now} />
      {pending ? (
        <PinDialog
          action={pending.action}
          users={USERS}
          onDone={(session) => {
            setPerson(session);
            setPending(undefined);
            pending.resolve(session);
          }}
          onCancel={() => {
            setPending(undefined);
            pending.reject(new LoginCancelled());
          }}
        />
      ) : null}
    </>
  );
}
