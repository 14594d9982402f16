// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoxStatusView, ReleaseInfo, RolloutView } from '../../../../shared/central/edge-releases';
import type { PollOptions } from '../app/use-poll';
import { renderWithI18n } from '../testing/render-with-i18n';
import { UpdatesPanel } from './UpdatesPanel';

const T0 = Date.UTC(2026, 11, 7, 8, 0);
const checksOk = { database: true, broker: true, sync: true };

function box(storeId: string, regionId: string, over: Partial<BoxStatusView> = {}): BoxStatusView {
  return {
    storeId,
    regionId,
    version: '1.4.0',
    healthy: true,
    checks: checksOk,
    supervised: true,
    reportedAt: T0,
    lastUpdate: null,
    ...over,
  };
}

/**
 * Central as the tab sees it over HTTP: boxes, releases and one rollout at the 'store'
 * stage. Advancing is refused with central's own sentence while a store of the stage is
 * not healthy on the release (the rule of cloud-sync/central/releases/rollout-rules.ts);
 * halting answers the halted rollout.
 */
class FakeCentral {
  readonly boxes: BoxStatusView[] = [
    box('sh-001', 'east', {
      version: '1.5.0',
      healthy: false,
      checks: { database: true, broker: false, sync: true },
      lastUpdate: { version: '1.5.0', rolloutId: 7, outcome: 'updated', reason: null, at: T0 - 60_000 },
    }),
    box('sh-002', 'east', {
      lastUpdate: {
        version: '1.5.0',
        rolloutId: 6,
        outcome: 'rolled_back',
        reason: 'health check failed: broker did not start within 120 s',
        at: T0 - 3_600_000,
      },
    }),
    box('bj-001', 'north', { supervised: false }),
    box('bj-002', 'north', { version: null, healthy: null, supervised: null, reportedAt: null, checks: {} }),
  ];
  readonly releases: ReleaseInfo[] = [
    {
      version: '1.5.0',
      sha256: 'a'.repeat(64),
      bytes: 1_500_000,
      nodeMajor: 20,
      lockHash: 'b'.repeat(64),
      builtAt: T0 - 86_400_000,
      uploadedBy: 'admin',
      uploadedAt: T0 - 7_200_000,
    },
  ];
  rollout: RolloutView = {
    id: 7,
    release: '1.5.0',
    stage: 'store',
    target: 'sh-001',
    status: 'active',
    createdBy: 'admin',
    createdAt: T0 - 600_000,
    haltedAt: null,
    haltedReason: null,
    steps: [{ stage: 'store', target: 'sh-001', at: T0 - 600_000, by: 'admin', overrideReason: null }],
    boxes: [this.boxes[0] as BoxStatusView],
    waitingOn: [{ storeId: 'sh-001', why: 'runs 1.5.0 but is not healthy (broker)' }],
  };
  /** An earlier rollout that sh-002's rollback halted. */
  readonly halted: RolloutView = {
    id: 6,
    release: '1.5.0',
    stage: 'store',
    target: 'sh-002',
    status: 'halted',
    createdBy: 'wang',
    createdAt: T0 - 7_000_000,
    haltedAt: T0 - 3_600_000,
    haltedReason:
      'store sh-002: rolled back from 1.5.0: health check failed: broker did not start within 120 s',
    steps: [{ stage: 'store', target: 'sh-002', at: T0 - 7_000_000, by: 'wang', overrideReason: null }],
    boxes: [this.boxes[1] as BoxStatusView],
    waitingOn: [{ storeId: 'sh-002', why: 'runs 1.4.0; the update to 1.5.0 was rolled back: …' }],
  };
  readonly posts: { path: string; body: unknown }[] = [];
  /** the code and parameters central sends beside its sentence; unset, an older central's bare sentence */
  refusal: { code: string; params: Record<string, string | string[]> } | undefined;

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const path = new URL(input, 'http://central').pathname;
    if (init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      this.posts.push({ path, body });
      if (path === '/api/rollouts/7/advance')
        return json(409, {
          error: 'conflict',
          message: `not every box of the 'store' stage is healthy on the release yet: ${this.rollout.waitingOn
            .map((w) => `${w.storeId} (${w.why})`)
            .join('; ')}`,
          ...(this.refusal ? { refusal: this.refusal } : {}),
        });
      if (path === '/api/rollouts/7/halt') {
        this.rollout = {
          ...this.rollout,
          status: 'halted',
          haltedAt: T0 + 60_000,
          haltedReason: `admin: ${String(body.reason)}`,
        };
        return json(200, this.rollout);
      }
    }
    if (path === '/api/boxes') return json(200, this.boxes);
    if (path === '/api/rollouts') return json(200, [this.rollout, this.halted]);
    if (path === '/api/admin/releases') return json(200, this.releases);
    return json(404, { error: 'not_found', message: `no ${path}` });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let central: FakeCentral;
beforeEach(() => {
  central = new FakeCentral();
  vi.stubGlobal('fetch', central.fetch);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const poll: PollOptions = { token: 'tok', everyMs: 600_000, clock: () => T0, onUnauthorized: () => {} };
const regions = [
  { id: 'east', name: '华东区' },
  { id: 'north', name: '华北区' },
];

function show(
  locale: 'en' | 'zh-CN',
  role: 'admin' | 'regional_manager' | 'technician' = 'admin',
  regionId: string | null = null,
) {
  return renderWithI18n(
    <UpdatesPanel
      poll={poll}
      role={role}
      regionId={regionId}
      regions={regions}
      inRegion={(rows) => [...(rows ?? [])]}
      onOpenStore={() => {}}
    />,
    locale,
  );
}

const row = (storeId: string) => document.querySelector(`tr[data-box="${storeId}"]`) as HTMLElement;

describe('the software updates tab', () => {
  it('lists every box by region with version, health, supervisor and why its last update rolled back', async () => {
    show('zh-CN');
    await screen.findByText('华东区 · 2 家门店');
    expect(screen.getByText('华北区 · 2 家门店')).toBeTruthy();
    expect(row('sh-001').textContent).toContain('1.5.0');
    expect(row('sh-001').textContent).toContain('不健康：消息代理');
    expect(row('sh-002').querySelector('td.last-update')?.textContent).toContain('已回滚（1.5.0）');
    expect(row('sh-002').textContent).toContain(
      '原因：health check failed: broker did not start within 120 s',
    );
    expect(row('bj-001').textContent).toContain('否');
    expect(row('bj-002').textContent).toContain('从未上报');
    // The rollout: stage, state, and where its store stands, in Chinese.
    const card = (await screen.findByText('发布 #7 · 版本 1.5.0')).closest('article') as HTMLElement;
    expect(card.dataset.status).toBe('active');
    expect(within(card).getByText('当前阶段：门店 sh-001', { exact: false })).toBeTruthy();
    const store = card.querySelector('li[data-store="sh-001"]') as HTMLElement;
    expect(store.dataset.state).toBe('waiting');
    expect(store.textContent).toContain('已运行新版本但不健康（消息代理）');
    expect(screen.getByTestId('rollout-counts-7').textContent).toBe('新版本健康：0 · 等待中：1 · 已回滚：0');
    // The halted one: why, and the store that rolled back, with no actions left.
    const halted = document.querySelector('article[data-rollout="6"]') as HTMLElement;
    expect(halted.dataset.status).toBe('halted');
    expect(halted.textContent).toContain('暂停：store sh-002: rolled back from 1.5.0');
    const back = halted.querySelector('li[data-store="sh-002"]') as HTMLElement;
    expect(back.dataset.state).toBe('rolled_back');
    expect(back.textContent).toContain(
      '已回滚 · 运行 1.4.0 · 已回滚：health check failed: broker did not start within 120 s',
    );
    expect(within(halted).queryByRole('form')).toBeNull();
  });

  it('shows central’s refusal to advance, naming the store still waiting', async () => {
    show('en');
    const card = (await screen.findByText('Rollout #7 · release 1.5.0')).closest('article') as HTMLElement;
    const advance = within(card).getByRole('form', { name: 'Advance' });
    fireEvent.change(within(advance).getByRole('combobox', { name: 'Next stage' }), {
      target: { value: 'region' },
    });
    fireEvent.submit(advance);
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toBe(
      "Central refused: not every box of the 'store' stage is healthy on the release yet: sh-001 (runs 1.5.0 but is not healthy (broker))",
    );
    // The region stage is asked for the store's own region; no override was given.
    expect(central.posts).toEqual([
      { path: '/api/rollouts/7/advance', body: { stage: 'region', target: 'east' } },
    ]);
    expect(card.dataset.status).toBe('active');
  });

  it('words the refusal in the page’s language by its code', async () => {
    central.refusal = { code: 'rollout.stage_not_healthy', params: { stage: 'store', stores: ['sh-001'] } };
    show('zh-CN');
    const card = (await screen.findByText('发布 #7 · 版本 1.5.0')).closest('article') as HTMLElement;
    const advance = within(card).getByRole('form', { name: '推进' });
    fireEvent.change(within(advance).getByRole('combobox', { name: '下一阶段' }), {
      target: { value: 'region' },
    });
    fireEvent.submit(advance);
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('“门店”阶段还有门店主机未在新版本上健康运行：等待 sh-001');
    expect(alert.textContent).not.toContain('not every box');
  });

  it('halts a rollout with a reason and shows it halted', async () => {
    show('en');
    const card = (await screen.findByText('Rollout #7 · release 1.5.0')).closest('article') as HTMLElement;
    const halt = within(card).getByRole('form', { name: 'Halt' });
    const button = within(halt).getByRole('button', { name: 'Halt' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(within(halt).getByRole('textbox'), { target: { value: 'POS vendor asked to wait' } });
    fireEvent.click(button);
    await waitFor(() =>
      expect((document.querySelector('article[data-rollout="7"]') as HTMLElement).dataset.status).toBe(
        'halted',
      ),
    );
    const halted = document.querySelector('article[data-rollout="7"]') as HTMLElement;
    expect(halted.textContent).toContain('admin: POS vendor asked to wait');
    // A halted rollout offers no more actions.
    expect(within(halted).queryByRole('form')).toBeNull();
    expect(central.posts).toEqual([
      { path: '/api/rollouts/7/halt', body: { reason: 'POS vendor asked to wait' } },
    ]);
  });

  it('shows a technician the boxes only, with no rollout controls', async () => {
    show('en', 'technician');
    await screen.findByText('Store boxes');
    await waitFor(() => expect(row('sh-001')).toBeTruthy());
    expect(screen.queryByTestId('updates-rollouts')).toBeNull();
  });

  it('offers a regional manager the controls of rollouts in their own region only, never the all stage', async () => {
    show('en', 'regional_manager', 'north');
    const foreign = (await screen.findByText('Rollout #7 · release 1.5.0')).closest('article') as HTMLElement;
    expect(within(foreign).queryByRole('form')).toBeNull();
    cleanup();
    show('en', 'regional_manager', 'east');
    const own = (await screen.findByText('Rollout #7 · release 1.5.0')).closest('article') as HTMLElement;
    const stage = within(within(own).getByRole('form', { name: 'Advance' })).getByRole('combobox', {
      name: 'Next stage',
    });
    expect([...(stage as HTMLSelectElement).options].map((o) => o.value)).toEqual(['region']);
    expect(within(own).queryByRole('textbox', { name: 'Override reason' })).toBeNull();
  });
});
