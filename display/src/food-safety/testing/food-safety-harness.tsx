import { useCallback, useState } from 'react';
import { PinDialog } from '../../auth/PinDialog';
import { LoginCancelled, type PersonSession } from '../../auth/person-session';
import { FoodSafetyScreen } from '../FoodSafetyScreen';
import { NOW, USERS } from './food-safety-fixtures';

interface Pending {
  action: string;
  resolve: (session: PersonSession) => void;
  reject: (err: Error) => void;
}

/** The food-safety screen wired as App wires it: `signIn` is the logged-in person or the PIN pad first. */
export function FoodSafetyWithPin({ now = NOW, pollMs = 60_000 }: { now?: number; pollMs?: number }) {
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
      <FoodSafetyScreen
        person={person}
        signIn={signIn}
        users={USERS}
        timezone="UTC"
        now={now}
        clock={() => now}
        pollMs={pollMs}
      />
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
