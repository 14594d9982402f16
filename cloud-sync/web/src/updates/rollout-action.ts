import { useState } from 'react';
import { RequestError } from '../../../../shared/browser/json-client';
import { RolloutView } from '../../../../shared/central/edge-releases';
import { requestCentral } from '../api/central-client';

export type RolloutActionState =
  | { kind: 'idle' | 'busy' }
  | { kind: 'done' }
  | { kind: 'refused'; error: RequestError };

/**
 * POSTs one rollout action (start, advance, halt) and hands central's new view of the
 * rollout to `onDone`; a refusal is kept whole (its code and central's words) for Outcome to say.
 */
export function useRolloutAction(
  token: string,
  onDone: (view: RolloutView) => void,
): { state: RolloutActionState; send: (path: string, body: object) => Promise<void> } {
  const [state, setState] = useState<RolloutActionState>({ kind: 'idle' });
  const send = async (path: string, body: object) => {
    setState({ kind: 'busy' });
    try {
      const view = await requestCentral(path, RolloutView, { method: 'POST', token, body });
      setState({ kind: 'done' });
      onDone(view);
    } catch (err) {
      setState({
        kind: 'refused',
        error: err instanceof RequestError ? err : new RequestError('network', String(err)),
      });
    }
  };
  return { state, send };
}
