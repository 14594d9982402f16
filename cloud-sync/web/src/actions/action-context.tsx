import { createContext, useContext, useState } from 'react';
import type { CentralRole } from '../../../../shared/central/api';
import { centralPath } from '../../../../shared/central/api';
import { StoreCommandView } from '../../../../shared/central/store-commands';
import { requestCentral } from '../api/central-client';

/** Who acts from this page: actions are offered only where no component needs the session threaded through. */
export interface Actor {
  token: string;
  role: CentralRole;
}

export const ActorContext = createContext<Actor | undefined>(undefined);

/** Assigning and closing decide for a store: regional managers and admins (central checks the same). */
export function mayManage(actor: Actor | undefined): boolean {
  return actor?.role === 'admin' || actor?.role === 'regional_manager';
}

export type ActionState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'sent' }
  /** central's refusal kept whole (its code and words) for ActionResult to say in the page's language */
  | { kind: 'refused'; error: unknown };

/** Sends one regional action; the answer says it is queued for the store, or why central refused it. */
export function useStoreAction(): {
  actor: Actor | undefined;
  state: ActionState;
  send: (route: string, params: Record<string, string | number>, body: object) => Promise<void>;
} {
  const actor = useContext(ActorContext);
  const [state, setState] = useState<ActionState>({ kind: 'idle' });
  const send = async (route: string, params: Record<string, string | number>, body: object) => {
    if (!actor) return;
    setState({ kind: 'busy' });
    try {
      await requestCentral(centralPath(route, params), StoreCommandView, {
        method: 'POST',
        token: actor.token,
        body,
      });
      setState({ kind: 'sent' });
    } catch (err) {
      setState({ kind: 'refused', error: err });
    }
  };
  return { actor, state, send };
}
