// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoolingBatchView, CoolingProbeView } from '../../../shared/api/food-safety';
import { displayCredential } from '../auth/display-credential';
import { renderWithI18n } from '../testing/render-with-i18n';
import { CoolingPanel } from './CoolingPanel';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const MIN = 60_000;

const batch: CoolingBatchView = {
  id: 9,
  seq: 12,
  amends: 9,
  change: 'warned',
  product: 'Chicken stock',
  quantity: { amount: 12, unit: 'l' },
  equipmentId: 'ric-1',
  metric: 'temp_c',
  pack: 'us-fda-food-code-2022',
  packEdition: '2022',
  limitId: 'cooling',
  clause: '3-501.14(A)',
  fromC: 57,
  startedAt: T0,
  t0: T0,
  state: 'cooling',
  stages: [
    {
      toC: 21,
      withinMin: 120,
      deadline: T0 + 120 * MIN,
      result: 'pending',
      at: null,
      valueC: null,
      warnedAt: T0 + 5 * MIN,
      projectedAt: T0 + 123 * MIN,
    },
    {
      toC: 5,
      withinMin: 360,
      deadline: T0 + 360 * MIN,
      result: 'pending',
      at: null,
      valueC: null,
      warnedAt: null,
      projectedAt: null,
    },
  ],
  actionId: null,
  by: 'staff-chen',
  note: null,
  at: T0 + 5 * MIN,
  latest: { ts: T0 + 30 * MIN, valueC: 48.3 },
  projection: { stage: 1, at: T0 + 123 * MIN, miss: true, slopeCPerH: -17.5 },
  title: { en: 'Cooling Chicken stock (Prep reach-in 1)', 'zh-CN': '冷却 Chicken stock（备餐冷藏柜 1）' },
};

const probes: CoolingProbeView[] = [
  {
    equipmentId: 'ric-1',
    name: { en: 'Prep reach-in 1', 'zh-CN': '备餐冷藏柜 1' },
    metric: 'temp_c',
    busyWith: 9,
  },
  {
    equipmentId: 'ric-2',
    name: { en: 'Prep reach-in 2', 'zh-CN': '备餐冷藏柜 2' },
    metric: 'temp_c',
    busyWith: null,
  },
];

let posted: { url: string; body: unknown; auth: string | null }[] = [];

function edge(withCooling = true) {
  return async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (!withCooling)
      return new Response(JSON.stringify({ error: 'not_found', message: 'no route' }), { status: 404 });
    if (init.method === 'POST') {
      posted.push({
        url,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        auth: new Headers(init.headers).get('authorization'),
      });
      return new Response(JSON.stringify({ ...batch, id: 10, product: 'Rice', equipmentId: 'ric-2' }));
    }
    if (url.endsWith('/api/food-safety/cooling-probes')) return new Response(JSON.stringify(probes));
    if (url.includes('/api/food-safety/cooling?state=active')) return new Response(JSON.stringify([batch]));
    return new Response(JSON.stringify({ error: 'not_found', message: 'no route' }), { status: 404 });
  };
}

beforeEach(() => {
  posted = [];
  displayCredential.set({ credential: 'gdc_pass-display', id: 'pass', name: 'Pass' });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  displayCredential.clear();
});

const signIn = () => Promise.reject(new Error('nobody should be asked'));

describe('the cooling panel', () => {
  it('shows each stage against its deadline, the probe, and the projected miss', async () => {
    vi.stubGlobal('fetch', edge());
    renderWithI18n(<CoolingPanel person={undefined} signIn={signIn} timezone="UTC" pollMs={60_000} />, 'en');
    const card = await screen.findByTestId('fs-cooling-batch');
    expect(card.textContent).toContain(
      'Chicken stock · Prep reach-in 1 · cooling since 10:00 · probe 48.3 °C',
    );
    expect(card.textContent).toContain('Stage 1: 21.0 °C by 12:00 — pending');
    expect(card.textContent).toContain('Stage 2: 5.0 °C by 16:00 — pending');
    expect(card.textContent).toContain(
      'At this rate stage 1 will be missed: its temperature is reached only at 12:03.',
    );
  });

  it('starts a batch on a free probe as the paired display, and speaks Chinese on a Chinese display', async () => {
    vi.stubGlobal('fetch', edge());
    renderWithI18n(
      <CoolingPanel person={undefined} signIn={signIn} timezone="UTC" pollMs={60_000} />,
      'zh-CN',
    );
    await screen.findByTestId('fs-cooling-batch');
    expect(screen.getByTestId('fs-cooling-batch').textContent).toContain('第 1 阶段：12:00 前降至 21.0 °C');
    fireEvent.change(screen.getByLabelText('产品'), { target: { value: 'Rice' } });
    fireEvent.click(screen.getByRole('button', { name: '开始冷却' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      url: '/api/food-safety/cooling',
      body: { product: 'Rice', equipmentId: 'ric-2' },
      auth: 'Bearer gdc_pass-display',
    });
  });

  it('is not shown where the store keeps no cooling logs', async () => {
    vi.stubGlobal('fetch', edge(false));
    const { container } = renderWithI18n(
      <CoolingPanel person={undefined} signIn={signIn} timezone="UTC" pollMs={60_000} />,
      'en',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.querySelector('[data-testid="fs-cooling"]')).toBeNull();
  });
});
