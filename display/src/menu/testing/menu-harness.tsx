import { useCallback, useState } from 'react';
import { PinDialog } from '../../auth/PinDialog';
import { LoginCancelled, type PersonSession } from '../../auth/person-session';
import { MenuBoard, type MenuBoardProps } from '../MenuBoard';
import { USERS } from './menu-fixtures';

interface Pending {
  action: string;
  resolve: (session: PersonSession) => void;
  reject: (err: Error) => void;
}

/**
 * The 86 board with the display's own PIN pad behind `signIn`, as App wires it: the
 * first action asks who you are and your PIN, and the edge's session token goes along.
 */
export function MenuBoardWithPin(props: Omit<MenuBoardProps, 'signIn' | 'users' | 'timezone'>) {
  const [pending, setPending] = useState<Pending | undefined>();
  const signIn = useCallback(
    (action: string) =>
      new Promise<PersonSession>((resolve, reject) => setPending({ action, resolve, reject })),
    [],
  );
  return (
    <>
      <MenuBoard {...props} timezone="UTC" users={USERS} signIn={signIn} />
      {pending ? (
        <PinDialog
          action={pending.action}
          users={USERS}
          onDone={(person) => {
            setPending(undefined);
            pending.resolve(person);
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
