// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommissioningProgress } from '../../../../shared/api/commissioning-progress';
import type { StoreCommissioning } from '../../../../shared/central/commissioning-progress';
import { ActorContext } from '../actions/action-context';
import type { PollOptions } from '../app/use-poll';
import { renderWithI18n } from '../testing/render-with-i18n';
import { CommissioningPanel } from './CommissioningPanel';
import { CommissioningStores } from './CommissioningStores';

const T0 = Date.UTC(2026, 0, 5, 2, 0);

const progress: CommissioningProgress = {
  storeId: 'sh-new',
  checkedAt: T0,
  complete: false,
  items: [
    {
      id: 'reporting',
      title: { en: 'Reporting in range', 'zh-CN': '报数且在范围内' },
      complete: false,
      done: 17,
      total: 20,
      progress: {
        en: '17 of 20 reporting, 3 waiting: fryer-2, wic-3, ric-1',
        'zh-CN': '20 项中 17 项报数，3 项待完成：fryer-2, wic-3, ric-1',
      },
      waiting: ['fryer-2', 'wic-3', 'ric-1'],
    },
    {
      id: 'display',
      title: { en: 'Kitchen display connected', 'zh-CN': '厨房显示屏已连接' },
      complete: true,
      done: 1,
      total: 1,
      progress: { en: '1 of 1 connected', 'zh-CN': '1 项中 1 项已连接' },
      waiting: [],
    },
  ],
};

/**
 * Central's commissioning routes as the page sees them, in memory: the stores in commissioning
 * with what their boxes sent, and the state move, refused without a reason as central does.
 */
class FakeCentral {
  readonly stores = new Map<string, StoreCommissioning>([
    [
      'sh-late',
      {
        storeId: 'sh-late',
        lifecycle: { state: 'commissioning', since: T0 },
        progress: null,
        receivedAt: null,
        handover: null,
      },
    ],
    [
      'sh-new',
      {
        storeId: 'sh-new',
        lifecycle: { state: 'commissioning', since: T0 },
        progress,
        receivedAt: T0 + 900,
        handover: null,
      },
    ],
  ]);
  readonly moves: { storeId: string; body: unknown; token: string | null }[] = [];
  /** set: central refuses the move with this 409 (its English words, code and parameters) */
  refusal:
    | { message: string; refusal: { code: string; params: Record<string, string | string[]> } }
    | undefined;

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const path = new URL(input, 'http://central').pathname;
    const token = new Headers(init.headers).get('authorization');
    if (path === '/api/commissioning/progress')
      return json(
        200,
        [...this.stores.values()].filter((s) => s.lifecycle.state === 'commissioning'),
      );
    const one = /^\/api\/stores\/([^/]+)\/commissioning$/.exec(path);
    const store = one?.[1] ? this.stores.get(one[1]) : undefined;
    if (store) return json(200, store);
    const move = /^\/api\/admin\/stores\/([^/]+)\/state$/.exec(path);
    if (move?.[1] && init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { to: 'open'; reason?: string; override: boolean };
      if (!body.reason) return json(400, { error: 'bad_request', message: 'an override needs a reason' });
      if (this.refusal) return json(409, { error: 'conflict', ...this.refusal });
      this.moves.push({ storeId: move[1], body, token });
      const held = this.stores.get(move[1]);
      if (held) held.lifecycle = { state: body.to, since: T0 + 60_000 };
      return json(201, {
        id: 1,
        storeId: move[1],
        from: 'commissioning',
        to: body.to,
        reason: body.reason,
        by: 'admin',
        at: T0 + 60_000,
        override: body.override,
      });
    }
    return json(404, { error: 'not_found', message: `no ${path}` });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let central: FakeCentral;
const admin = 'tok-admin';
beforeEach(() => {
  central = new FakeCentral();
  vi.stubGlobal('fetch', central.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show(ui: React.ReactElement, locale: 'en' | 'zh-CN' = 'en') {
  return renderWithI18n(
    <ActorContext.Provider value={{ token: admin, role: 'admin' }}>{ui}</ActorContext.Provider>,
    locale,
  );
}

const poll = (): PollOptions => ({
  token: admin,
  everyMs: 60_000,
  clock: () => T0,
  onUnauthorized: () => undefined,
});

describe('commissioning on the regional page', () => {
  it('lists the stores being commissioned with the headline their box sent, in zh-CN too', async () => {
    show(
      <CommissioningStores poll={poll()} nameOf={(id) => `Store ${id}`} onOpen={() => undefined} />,
      'zh-CN',
    );
    await screen.findByText('20 台中 17 台在报数，3 台待完成：fryer-2、wic-3、ric-1');
    const items = [...document.querySelectorAll<HTMLElement>('.commissioning-stores li')];
    expect(items.map((li) => li.dataset.storeId)).toEqual(['sh-late', 'sh-new']);
    expect(items[0]?.textContent).toContain('门店主机尚未发来检查进度。');
    expect(items[1]?.textContent).toContain('2 项检查中已完成 1 项');
    expect(items[1]?.textContent).toContain('交接：尚未签字');
  });

  it("shows a store's checks by name, and lets an admin open it before the handover with a reason on record", async () => {
    show(
      <CommissioningPanel
        storeId="sh-new"
        poll={poll()}
        nameOf={(id) => ({ 'fryer-2': 'Fryer 2', 'wic-3': 'Cooler 3' })[id] ?? id}
      />,
    );
    await screen.findByText('17 of 20 reporting, 3 waiting: Fryer 2, Cooler 3, ric-1');
    const reporting = document.querySelector<HTMLElement>('[data-item="reporting"]');
    expect(reporting?.textContent).toContain('17/20 · Open');
    expect(reporting?.textContent).toContain('Waiting for: Fryer 2, Cooler 3, ric-1');
    expect(document.querySelector<HTMLElement>('[data-item="display"]')?.dataset.complete).toBe('true');
    expect(screen.getByText('Not signed yet')).toBeTruthy();

    const submit = screen.getByRole('button', { name: 'Open the store' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason (recorded as an override)'), {
      target: { value: 'opening day fixed; fryer 2 next week' },
    });
    fireEvent.click(submit);
    await screen.findByText('The store is open.');
    expect(central.moves).toEqual([
      {
        storeId: 'sh-new',
        body: { to: 'open', override: true, reason: 'opening day fixed; fryer 2 next week' },
        token: `Bearer ${admin}`,
      },
    ]);
  });

  it('words central’s refusal by its code in the page’s language, the states by name', async () => {
    // The box signed meanwhile and central opened the store: the early opening is refused.
    central.refusal = {
      message: 'the store is already open; allowed next: temporarily_closed, closing',
      refusal: {
        code: 'store_state.same_state',
        params: { from: 'open', allowed: ['temporarily_closed', 'closing'] },
      },
    };
    show(<CommissioningPanel storeId="sh-new" poll={poll()} />, 'zh-CN');
    fireEvent.change(await screen.findByLabelText('原因（记为强制变更）'), {
      target: { value: '开业日期已定' },
    });
    fireEvent.click(screen.getByRole('button', { name: '开业' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('被拒绝：门店已处于“营业中”状态；下一步可选：暂停营业、闭店中');
    expect(central.moves).toEqual([]);
  });

  it('offers a regional manager no early opening, only the rule', async () => {
    renderWithI18n(
      <ActorContext.Provider value={{ token: admin, role: 'regional_manager' }}>
        <CommissioningPanel storeId="sh-late" poll={poll()} />
      </ActorContext.Provider>,
    );
    await screen.findByText(/The store opens when its box signs the handover/);
    expect(screen.queryByRole('button', { name: 'Open the store' })).toBeNull();
    await waitFor(() => expect(screen.getByText('No checklist progress from the box yet.')).toBeTruthy());
  });
});
