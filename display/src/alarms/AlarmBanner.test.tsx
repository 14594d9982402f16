// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../../shared/api/alarms';
import { AlarmList } from '../../../shared/api/alarms';
import { alarmView, equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { AlarmBanner } from './AlarmBanner';

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 5, 4, 0); // 12:00 in Shanghai
const equipment = [
  equipmentView({ id: 'wic-1', name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' } }),
  equipmentView({ id: 'fryer-1', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } }),
];

function banner(alarms: AlarmView[], locale: 'en' | 'zh-CN' = 'en', onAck?: (a: AlarmView) => void) {
  return renderWithI18n(
    <AlarmBanner
      alarms={AlarmList.parse(alarms)}
      equipment={equipment}
      timezone="Asia/Shanghai"
      now={NOW}
      onAcknowledge={onAck ?? (() => undefined)}
    />,
    locale,
  );
}

const at = (hour: number, minute = 0) => Date.UTC(2026, 0, 5, hour, minute);
const shownId = () => screen.getByRole('alert').getAttribute('data-alarm-id');

describe('AlarmBanner', () => {
  it('takes over with the equipment, the fault, when the condition began and what to do', () => {
    banner([alarmView({ id: 1, equipmentId: 'wic-1', conditionSince: at(1, 45), raisedAt: at(2) })]);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('CRITICAL: Walk-in cooler — Cooler above 5 °C');
    // The cooler has been warm since 09:45; the alarm only fired after its 15 min hold.
    expect(alert.textContent).toContain('since 09:45');
    expect(alert.textContent).not.toContain('10:00');
    expect(alert.textContent).toContain('What to do: Keep the door shut; move high-risk food.');
    expect(screen.getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    expect(screen.queryByTestId('alarm-position')).toBeNull();
  });

  it('dates a condition that began more than most of a day ago', () => {
    banner([alarmView({ id: 1, equipmentId: 'wic-1', conditionSince: at(-20), raisedAt: at(-20) })]);
    expect(screen.getByRole('alert').textContent).toContain('since 01/04, 12:00');
  });

  it('is gone once the alarm is acknowledged, and never shows for warnings', () => {
    banner([
      alarmView({ id: 1, equipmentId: 'wic-1', state: 'active_acked', ackedBy: 'staff-chen' }),
      alarmView({ id: 2, equipmentId: 'wic-1', severity: 'warning' }),
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts people before food before equipment, then a worsening fault, then the newest condition', () => {
    banner([
      alarmView({ id: 1, equipmentId: 'wic-1', hazard: 'equipment', conditionSince: at(3) }),
      alarmView({ id: 2, equipmentId: 'wic-1', hazard: 'food', conditionSince: at(1) }),
      alarmView({ id: 3, equipmentId: 'wic-1', hazard: 'food', conditionSince: at(2) }),
      alarmView({ id: 4, equipmentId: 'wic-1', hazard: 'food', conditionSince: at(0), worsening: true }),
      alarmView({ id: 5, equipmentId: 'fryer-1', hazard: 'people', conditionSince: at(0) }),
      alarmView({
        id: 6,
        equipmentId: 'wic-1',
        state: 'cleared_unacked',
        hazard: 'equipment',
        conditionSince: at(1),
      }),
    ]);
    expect(screen.getByRole('alert').getAttribute('data-alarm-order')).toBe('5,4,3,2,1,6');
    expect(shownId()).toBe('5');
    expect(screen.getByRole('alert').textContent).toContain('CRITICAL: Fryer 1');
    expect(screen.getByTestId('alarm-position').textContent).toBe('1 of 6');
  });

  it('pages through every critical, so each can be read before any is acknowledged', () => {
    const acked: number[] = [];
    banner(
      [
        alarmView({ id: 1, equipmentId: 'wic-1', conditionSince: at(2) }),
        alarmView({
          id: 2,
          equipmentId: 'fryer-1',
          title: { en: 'Fryer oil above 200 °C', 'zh-CN': '炸油温度高于 200 °C' },
          conditionSince: at(3),
          worsening: true,
        }),
      ],
      'en',
      (a) => acked.push(a.id),
    );
    expect(shownId()).toBe('2');
    expect(screen.getByRole('alert').textContent).toContain('getting worse');
    fireEvent.click(screen.getByRole('button', { name: 'Next critical alarm' }));
    expect(shownId()).toBe('1');
    expect(screen.getByRole('alert').textContent).toContain('Walk-in cooler — Cooler above 5 °C');
    expect(screen.getByTestId('alarm-position').textContent).toBe('2 of 2');
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(acked).toEqual([1]);
    fireEvent.click(screen.getByRole('button', { name: 'Previous critical alarm' }));
    expect(shownId()).toBe('2');
  });

  it('speaks Chinese', () => {
    banner(
      [
        alarmView({ id: 1, equipmentId: 'wic-1' }),
        alarmView({ id: 2, equipmentId: 'fryer-1', conditionSince: at(1) }),
      ],
      'zh-CN',
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('严重告警：冷藏库 — 冷藏库温度高于 5 °C');
    expect(alert.textContent).toContain('自 10:00 起');
    expect(alert.textContent).toContain('处理方法：关好库门；转移高风险食材。');
    expect(screen.getByTestId('alarm-position').textContent).toBe('第 1 条，共 2 条');
    expect(screen.getByRole('button', { name: '确认告警' })).toBeTruthy();
  });
});
