// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { feedEntry } from '../testing/fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { AlarmFeedPanel } from './AlarmFeedPanel';
import { EMPTY_FEED, type FeedState, markSeen, mergeFeed } from './feed-merge';

afterEach(cleanup);

function Harness({ initial }: { initial: FeedState }) {
  const [feed, setFeed] = useState(initial);
  return (
    <AlarmFeedPanel
      handle={{ feed, error: undefined, markSeen: () => setFeed(markSeen) }}
      now={Date.now()}
      onOpenStore={() => undefined}
    />
  );
}

describe('alarm feed panel', () => {
  it('a polled critical alarm stands out until marked seen; an escalation is tagged', () => {
    const history = mergeFeed(EMPTY_FEED, { entries: [feedEntry(1, 'raised')], cursor: 1 });
    const polled = mergeFeed(history, {
      entries: [feedEntry(3, 'escalated', { escalation: 'central' }), feedEntry(2, 'raised', { id: 2 })],
      cursor: 3,
    });
    renderWithI18n(<Harness initial={polled} />, 'zh-CN');
    expect(screen.getByRole('alert').textContent).toContain('1 条新的严重告警');
    const fresh = document.querySelectorAll('.feed-entry.fresh-critical');
    expect([...fresh].map((e) => e.getAttribute('data-feed-id'))).toEqual(['2']);
    expect(document.querySelector('[data-feed-id="3"] .tag.escalation')?.textContent).toContain(
      '已升级至区域运营',
    );
    expect(document.querySelector('[data-feed-id="1"]')?.className).not.toContain('fresh');

    fireEvent.click(screen.getByRole('button', { name: '标记已读' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelectorAll('.feed-entry.fresh').length).toBe(0);
  });

  it('an unknown change type still shows, as a change', () => {
    const state = mergeFeed(EMPTY_FEED, { entries: [feedEntry(1, 'renamed')], cursor: 1 });
    renderWithI18n(<Harness initial={state} />, 'en');
    expect(document.querySelector('[data-feed-id="1"] .feed-change')?.textContent).toBe('Changed');
  });
});
