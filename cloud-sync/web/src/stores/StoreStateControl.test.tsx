// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreStateChange } from '../../../../shared/central/store-lifecycle';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StoreStateControl } from './StoreStateControl';

/** Central's state move as the page meets it: one answer, a refusal with its code or without. */
function centralAnswering(status: number, body: unknown) {
  const posts: unknown[] = [];
  vi.stubGlobal('fetch', async (_input: string, init: RequestInit = {}) => {
    posts.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return posts;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const manager = { token: 'tok-mgr', role: 'regional_manager' as const };

describe('moving a store from the regional page', () => {
  it('words central’s refusal by its code in zh-CN, the store by its id', async () => {
    const posts = centralAnswering(409, {
      error: 'request_error',
      message: 'store "sh-001" changed state meanwhile; read it again',
      refusal: { code: 'store_state.changed', params: { store: 'sh-001' } },
    });
    const changes: StoreStateChange[] = [];
    renderWithI18n(
      <StoreStateControl storeId="sh-001" state="open" actor={manager} onChanged={(c) => changes.push(c)} />,
      'zh-CN',
    );
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: '深度清洁' } });
    fireEvent.click(screen.getByRole('button', { name: '变更状态' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('未变更：门店 sh-001 的状态刚刚被他人更改，请刷新后再看');
    expect(posts).toEqual([{ to: 'temporarily_closed', override: false, reason: '深度清洁' }]);
    expect(changes).toEqual([]);
  });

  it('shows central’s own words for a refusal without a code the page knows', async () => {
    centralAnswering(409, { error: 'conflict', message: 'a rule added later' });
    renderWithI18n(
      <StoreStateControl storeId="sh-001" state="open" actor={manager} onChanged={() => undefined} />,
    );
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'deep clean' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change state' }));
    expect((await screen.findByRole('alert')).textContent).toContain('a rule added later');
  });
});
