import type { AlarmFeed, AlarmFeedQuery } from '../../../shared/central/api';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import type { AlarmFeedWakeups, WakeTicket } from '../live/alarm-feed-wakeups';
import { alarmFeed } from './alarm-feed';

/**
 * A held poll looks again this often even when nothing woke it. Wake-ups travel over one
 * LISTEN connection per process; while it is down (PostgreSQL restarted, a network cut)
 * notifications are lost, and this bounds the delay they cause to a few seconds: an alarm
 * is shown late at worst, never lost (the cursor, not the wake-up, decides what is shown).
 */
export const FEED_REQUERY_MS = 5_000;

export interface LongPollDeps {
  db: CentralDb;
  clock: Clock;
  wakeups: AlarmFeedWakeups;
}

/**
 * `GET /api/alarms?after=<cursor>&wait=<s>`: like `alarmFeed`, but when nothing past the
 * cursor is in the caller's view (scope, storeId and severity filters), the answer is held
 * until a change arrives that the query returns, `wait` seconds pass, the process starts
 * draining, or the caller goes away; then an empty page and the cursor to poll on with.
 * Without `after` (the first page) or with `wait=0` it answers at once, as plain polling.
 */
export async function longPollAlarmFeed(
  deps: LongPollDeps,
  scope: StoreScope,
  query: AlarmFeedQuery,
  gone?: AbortSignal,
): Promise<AlarmFeed> {
  const { db, clock, wakeups } = deps;
  // Taken before the query: a change committed after the query began counts as a wake.
  let ticket = wakeups.ticket();
  const first = await alarmFeed(db, scope, query);
  const holds = query.wait > 0 && query.after !== undefined && query.before === undefined;
  if (!holds || first.entries.length > 0) return first;
  const deadline = clock.now() + query.wait * 1000;
  return wakeups.hold(async () => {
    // The cursor moves past changes the filters leave out (another severity), so they are
    // not read again; what is out of scope never enters the query at all.
    let cursor = first.cursor;
    for (;;) {
      const left = deadline - clock.now();
      if (left <= 0 || wakeups.released || gone?.aborted) return { entries: [], cursor };
      await wokenOrAfter(wakeups, ticket, clock, Math.min(left, FEED_REQUERY_MS), gone);
      if (wakeups.released || gone?.aborted) return { entries: [], cursor };
      ticket = wakeups.ticket();
      const page = await alarmFeed(db, scope, { ...query, after: cursor });
      if (page.entries.length > 0) return page;
      cursor = page.cursor;
    }
  });
}

/** Resolves at the first wake after `ticket`, after `ms` on the clock, or when `gone` aborts. */
function wokenOrAfter(
  wakeups: AlarmFeedWakeups,
  ticket: WakeTicket,
  clock: Clock,
  ms: number,
  gone?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let finished = false;
    let timer: TimerHandle | undefined;
    let unregister = () => {};
    const done = () => {
      if (finished) return;
      finished = true;
      if (timer) clock.clearTimeout(timer);
      unregister();
      gone?.removeEventListener('abort', done);
      resolve();
    };
    timer = clock.setTimeout(done, ms);
    gone?.addEventListener('abort', done, { once: true });
    unregister = wakeups.afterTicket(ticket, done);
  });
}
