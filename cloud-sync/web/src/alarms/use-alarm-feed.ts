import { useCallback, useEffect, useRef, useState } from 'react';
import { RequestError } from '../../../../shared/browser/json-client';
import { AlarmFeed, CENTRAL_ROUTES } from '../../../../shared/central/api';
import { requestCentral } from '../api/central-client';
import { EMPTY_FEED, type FeedState, markSeen, mergeFeed } from './feed-merge';

export interface AlarmFeedHandle {
  feed: FeedState;
  /** the last poll failed; the feed shown may be missing changes */
  error: RequestError | undefined;
  markSeen: () => void;
}

const FIRST_PAGE = 100;
/**
 * Seconds central may hold a poll until something new arrives (its limit is 30). Under the
 * load balancer's idle timeouts (HAProxy's are 60 s), and short enough that a poll held by a
 * process that then vanished is noticed and replaced soon.
 */
export const LONG_POLL_WAIT_S = 25;
/** A held poll answers within its wait; beyond this (plus a margin for a busy server) it is lost. */
const LONG_POLL_TIMEOUT_MS = (LONG_POLL_WAIT_S + 10) * 1000;

/**
 * The live alarm feed: the first page, then long polls with the `after` cursor, each asked
 * again as soon as the last one answered, so a new alarm shows as soon as central has it.
 * After a failed poll it waits `everyMs` before asking again, so a central that is down is
 * not hammered.
 */
export function useAlarmFeed(token: string, everyMs: number, onUnauthorized: () => void): AlarmFeedHandle {
  const [feed, setFeed] = useState<FeedState>(EMPTY_FEED);
  const [error, setError] = useState<RequestError | undefined>();
  const cursor = useRef<number | undefined>(undefined);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Ends a held poll when the page logs out or the session changes: it would keep a connection.
    let inFlight: AbortController | undefined;
    cursor.current = undefined;
    setFeed(EMPTY_FEED);
    const poll = async () => {
      const first = cursor.current === undefined;
      const query = first
        ? `limit=${FIRST_PAGE}`
        : `after=${cursor.current}&limit=500&wait=${LONG_POLL_WAIT_S}`;
      let failed = false;
      inFlight = new AbortController();
      try {
        const page = await requestCentral(`${CENTRAL_ROUTES.alarms}?${query}`, AlarmFeed, {
          token,
          signal: inFlight.signal,
          ...(first ? {} : { timeoutMs: LONG_POLL_TIMEOUT_MS }),
        });
        if (!live) return;
        cursor.current = Math.max(cursor.current ?? 0, page.cursor);
        setFeed((state) => mergeFeed(state, page));
        setError(undefined);
      } catch (err) {
        if (!live) return;
        const problem = err instanceof RequestError ? err : new RequestError('network', String(err));
        if (problem.code === 'unauthorized') {
          unauthorized.current();
          return;
        }
        setError(problem);
        failed = true;
      }
      if (live) timer = setTimeout(poll, failed ? everyMs : 0);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
      inFlight?.abort();
    };
  }, [token, everyMs]);

  const seen = useCallback(() => setFeed(markSeen), []);
  return { feed, error, markSeen: seen };
}
