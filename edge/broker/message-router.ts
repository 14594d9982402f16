import mqemitter, { type MQEmitter } from 'mqemitter';

/**
 * How many messages may complete on one synchronous stack before the rest are
 * deferred to the next turn of the event loop.
 */
const MAX_SYNC_COMPLETIONS = 200;

export interface MessageRouter {
  mq: MQEmitter;
  /** messages waiting for a routing slot, and messages being routed now */
  backlog(): { queued: number; inFlight: number };
}

/**
 * aedes' in-process router (mqemitter) with a guard against its known stack
 * overflow (aedes #193, mqemitter #204). When routing slots (`concurrency`) are
 * taken, mqemitter queues messages, and each finished message starts the next one
 * from its completion callback. A message nobody subscribes to completes
 * synchronously, so a deep queue of them unwinds as one recursion — which is what
 * happens when a subscriber that held the queue back (a stalled socket) dies and
 * its subscriptions vanish: "Maximum call stack size exceeded", and the process ends.
 *
 * The guard is a catch-all listener, so every message has one more match. It
 * finishes synchronously, except when many messages have already finished on the
 * same stack: then it finishes on the next turn, which ends the recursion. This is
 * the maintainers' suggested fix (defer only past a same-tick count), built on the
 * public `on` API instead of patching mqemitter.
 */
export function createMessageRouter(concurrency = 100): MessageRouter {
  const mq = mqemitter({ concurrency, matchEmptyLevels: true });
  let completedThisTick = 0;
  let resetScheduled = false;
  mq.on('#', (_message, done) => {
    completedThisTick += 1;
    if (completedThisTick > MAX_SYNC_COMPLETIONS) {
      setImmediate(done);
      return;
    }
    if (!resetScheduled) {
      resetScheduled = true;
      process.nextTick(() => {
        completedThisTick = 0;
        resetScheduled = false;
      });
    }
    done();
  });
  const counters = mq as MQEmitter & { readonly length?: number };
  return {
    mq,
    backlog: () => ({ queued: counters.length ?? 0, inFlight: mq.current }),
  };
}
