import { z } from 'zod';
import { ReleaseRef } from './update-state';

/** What a supervised edge tells its supervisor over the IPC channel `galley box` opens. */
export const ChildMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('switch'),
    release: ReleaseRef,
    rolloutId: z.number().int().positive().nullable(),
  }),
  z.object({ kind: z.literal('sync-ok'), version: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessage>;

/** Set by the supervisor for its child: where node_modules and package-lock.json are installed. */
export const INSTALL_ROOT_ENV = 'GALLEY_INSTALL_ROOT';

export interface SupervisorLink {
  readonly supervised: boolean;
  send(message: ChildMessage): void;
}

/** The link of this process: supervised when started by `galley box` with an IPC channel. */
export function processSupervisorLink(env: NodeJS.ProcessEnv = process.env): SupervisorLink {
  const send = process.send?.bind(process);
  const supervised = send !== undefined && Boolean(env[INSTALL_ROOT_ENV]);
  // A supervisor killed hard leaves its edge behind; a new one would start a second edge
  // on the same ports and data. Without the channel, stop cleanly (SIGTERM's path).
  if (supervised && process.listenerCount('disconnect') === 0)
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  return {
    supervised,
    send: (message) => {
      if (supervised && process.connected) send?.(ChildMessage.parse(message));
    },
  };
}
