import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { type SessionResponse, SessionResponse as SessionSchema } from '../../../shared/api/session';
import type { Role } from '../../../shared/roles';
import { requestEdge } from '../api/edge-client';
import { sessionPermissions } from './permissions';

export type PersonSession = SessionResponse & { role: Role };

/** Someone closed the PIN pad: not a failure to report. */
export class LoginCancelled extends Error {
  readonly code = 'LOGIN_CANCELLED';
}

export async function logIn(user: string, pin: string): Promise<PersonSession> {
  const session = await requestEdge('/api/session', SessionSchema, { method: 'POST', body: { user, pin } });
  if (session.role === 'display' || session.role === 'pos')
    throw new Error('a person logged in as the display');
  const person = { ...session, role: session.role };
  // What the display offers follows these (auth/permissions.ts); the edge checks them again.
  return { ...person, permissions: sessionPermissions(person) };
}

/**
 * The person logged in at the display, if any. Any touch keeps the session; after
 * `idleMs` without one the display logs out and `onIdle` returns it to the board,
 * so the next person never acts under someone else's name.
 */
export function usePersonSession(idleMs: number, onIdle: () => void) {
  const [session, setSession] = useState<PersonSession | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  const current = useRef<PersonSession | undefined>(undefined);
  current.current = session;

  const logOut = useCallback(() => {
    const ending = current.current;
    setSession(undefined);
    if (!ending) return;
    requestEdge('/api/session', z.null(), { method: 'DELETE', token: ending.token }).catch(() => {
      // Nothing to do: the session also expires on the edge by itself.
    });
  }, []);

  const arm = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      logOut();
      onIdleRef.current();
    }, idleMs);
  }, [idleMs, logOut]);

  useEffect(() => {
    arm();
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, arm);
    return () => {
      for (const e of events) window.removeEventListener(e, arm);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [arm]);

  return { session, setSession, logOut };
}
