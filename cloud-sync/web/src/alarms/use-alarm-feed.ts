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

/** Polls the alarm feed with its `after` cursor, so each poll brings only what is new. */
export function useAlarmFeed(token: string, everyMs: number, onUnauthorized: () => void): AlarmFeedHandle {
  const [feed, setFeed] = useState<FeedState>(EMPTY_FEED);
  const [error, setError] = useState<RequestError | undefined>();
  const cursor = useRef<number | undefined>(undefined);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    cursor.current = undefined;
    setFeed(EMPTY_FEED);
    const poll = async () => {
      const query =
        cursor.current === undefined ? `limit=${FIRST_PAGE}` : `after=${cursor.current}&limit=500`;
      try {
        const page = await requestCentral(`${CENTRAL_ROUTES.alarms}?${query}`, AlarmFeed, { token });
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
      }
      if (live) timer = setTimeout(poll, everyMs);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [token, everyMs]);

  const seen = useCallback(() => setFeed(markSeen), []);
  return { feed, error, markSeen: seen };
}
