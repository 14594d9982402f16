// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EquipmentList } from '../../../shared/api/equipment';
import { alarmView, equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { EquipmentBoard } from './EquipmentBoard';

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 5, 4, 30); // 12:30 in Shanghai
const equipment = EquipmentList.parse([
  equipmentView({
    id: 'wic-1',
    state: 'critical',
    lastSeen: NOW - 5000,
    readings: { temp_c: { value: 7.46, ts: NOW - 5000 }, door_open: { value: false, ts: NOW - 5000 } },
  }),
  equipmentView({ id: 'wif-1', state: 'ok', readings: { temp_c: { value: -19.2, ts: NOW } }, lastSeen: NOW }),
  equipmentView({ id: 'fryer-1', station: 'fry', state: 'offline', online: false, lastSeen: null }),
  equipmentView({ id: 'dish-1', station: 'wash', state: 'warning', keyMetric: undefined, readings: {} }),
]);

describe('EquipmentBoard', () => {
  it('groups tiles by station, in config order', () => {
    const { container } = renderWithI18n(
      <EquipmentBoard equipment={equipment} alarms={[]} sparklines={{}} now={NOW} timezone="Asia/Shanghai" />,
    );
    const stations = [...container.querySelectorAll('[data-station]')].map((s) =>
      s.getAttribute('data-station'),
    );
    expect(stations).toEqual(['cold', 'fry', 'wash']);
    const cold = container.querySelector('[data-station="cold"]') as HTMLElement;
    expect(within(cold).getByRole('heading').textContent).toBe('Cold storage');
    expect(cold.querySelectorAll('.tile')).toHaveLength(2);
  });

  it('shows the key reading with its unit, the state in words, and the last-seen time in the store zone', () => {
    const { container } = renderWithI18n(
      <EquipmentBoard equipment={equipment} alarms={[]} sparklines={{}} now={NOW} timezone="Asia/Shanghai" />,
    );
    const tile = container.querySelector('[data-equipment-id="wic-1"]') as HTMLElement;
    expect(tile.querySelector('.tile-value')?.textContent).toBe('7.5');
    expect(tile.querySelector('.tile-unit')?.textContent).toBe('°C');
    expect(tile.querySelector('.state-text')?.textContent).toBe('Critical');
    expect(tile.querySelector('.state-icon')?.textContent).toBe('✖');
    expect(tile.textContent).toContain('Last seen 12:29:55');

    const freezer = container.querySelector('[data-equipment-id="wif-1"]') as HTMLElement;
    expect(freezer.querySelector('.tile-value')?.textContent).toBe('−19.2');
    const fryer = container.querySelector('[data-equipment-id="fryer-1"]') as HTMLElement;
    expect(fryer.querySelector('.state-text')?.textContent).toBe('Offline');
    expect(fryer.textContent).toContain('Never seen');
    expect(screen.getByTestId('board-summary').textContent).toBe('3 need attention');
  });

  it('draws the last hour as a sparkline when there are points', () => {
    const sparklines = {
      'wif-1': [0, 1, 2, 3].map((i) => ({ ts: NOW - (60 - i * 10) * 60_000, value: -19 - i * 0.1 })),
    };
    const { container } = renderWithI18n(
      <EquipmentBoard
        equipment={equipment}
        alarms={[]}
        sparklines={sparklines}
        now={NOW}
        timezone="Asia/Shanghai"
      />,
    );
    const path = container.querySelector('[data-equipment-id="wif-1"] .sparkline path');
    expect(path?.getAttribute('d')?.split('L')).toHaveLength(5); // four from the hour + the live reading
    expect(container.querySelector('[data-equipment-id="fryer-1"] .sparkline path')).toBeNull();
  });

  it('names the fault on the tile and how long it has lasted, acknowledged or not', () => {
    const alarms = [
      alarmView({ id: 1, equipmentId: 'wic-1', conditionSince: NOW - 12 * 60_000, raisedAt: NOW - 60_000 }),
      alarmView({
        id: 2,
        equipmentId: 'dish-1',
        severity: 'warning',
        state: 'active_acked',
        ackedBy: 'staff-chen',
        title: { en: 'Final rinse below 82 °C', 'zh-CN': '终漂温度低于 82 °C' },
        conditionSince: NOW - 3 * 3_600_000,
      }),
      // Cleared: no longer what the tile has to say.
      alarmView({ id: 3, equipmentId: 'wif-1', state: 'cleared_unacked' }),
    ];
    const { container } = renderWithI18n(
      <EquipmentBoard
        equipment={equipment}
        alarms={alarms}
        sparklines={{}}
        now={NOW}
        timezone="Asia/Shanghai"
      />,
    );
    const cooler = container.querySelector('[data-equipment-id="wic-1"] .tile-fault') as HTMLElement;
    expect(cooler.textContent).toBe('Cooler above 5 °C12 min');
    const dish = container.querySelector('[data-equipment-id="dish-1"] .tile-fault') as HTMLElement;
    expect(dish.textContent).toBe('Final rinse below 82 °C3 h · acknowledged');
    expect(container.querySelector('[data-equipment-id="wif-1"] .tile-fault')).toBeNull();

    cleanup();
    const zh = renderWithI18n(
      <EquipmentBoard
        equipment={equipment}
        alarms={alarms}
        sparklines={{}}
        now={NOW}
        timezone="Asia/Shanghai"
      />,
      'zh-CN',
    );
    expect(zh.container.querySelector('[data-equipment-id="dish-1"] .tile-fault')?.textContent).toBe(
      '终漂温度低于 82 °C3 小时 · 已确认',
    );
  });

  it('speaks Chinese with Chinese equipment names', () => {
    const { container } = renderWithI18n(
      <EquipmentBoard equipment={equipment} alarms={[]} sparklines={{}} now={NOW} timezone="Asia/Shanghai" />,
      'zh-CN',
    );
    const tile = container.querySelector('[data-equipment-id="wic-1"]') as HTMLElement;
    expect(tile.querySelector('.tile-name')?.textContent).toBe('冷藏库 wic-1');
    expect(tile.querySelector('.state-text')?.textContent).toBe('严重');
    expect(tile.textContent).toContain('最后上报 12:29:55');
  });

  it('opens the tile it was tapped on', () => {
    let opened: string | undefined;
    renderWithI18n(
      <EquipmentBoard
        equipment={equipment}
        alarms={[]}
        sparklines={{}}
        now={NOW}
        timezone="Asia/Shanghai"
        onOpen={(id) => {
          opened = id;
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Details of Cooler fryer-1' }));
    expect(opened).toBe('fryer-1');
  });
});
