// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../../shared/api/alarms';
import { AlarmList } from '../../../shared/api/alarms';
import { alarmView, equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { AlarmBanner } from './AlarmBanner';

afterEach(cleanup);

const equipment = [equipmentView({ id: 'wic-1', name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' } })];

function banner(alarms: AlarmView[], locale: 'en' | 'zh-CN' = 'en', onAck?: (a: AlarmView) => void) {
  return renderWithI18n(
    <AlarmBanner
      alarms={AlarmList.parse(alarms)}
      equipment={equipment}
      timezone="Asia/Shanghai"
      onAcknowledge={onAck ?? (() => undefined)}
    />,
    locale,
  );
}

describe('AlarmBanner', () => {
  it('takes over with the equipment, the fault, when it started and what to do', () => {
    banner([alarmView({ id: 1, equipmentId: 'wic-1' })]);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('CRITICAL: Walk-in cooler — Cooler above 5 °C');
    expect(alert.textContent).toContain('since 10:00');
    expect(alert.textContent).toContain('What to do: Keep the door shut; move high-risk food.');
    expect(screen.getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
  });

  it('is gone once the alarm is acknowledged, and never shows for warnings', () => {
    banner([
      alarmView({ id: 1, equipmentId: 'wic-1', state: 'active_acked', ackedBy: 'staff-chen' }),
      alarmView({ id: 2, equipmentId: 'wic-1', severity: 'warning' }),
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a cleared critical alarm until someone acknowledges it, oldest first, counting the rest', () => {
    banner([
      alarmView({ id: 5, equipmentId: 'wic-1', raisedAt: Date.UTC(2026, 0, 5, 3, 0) }),
      alarmView({
        id: 4,
        equipmentId: 'wic-1',
        state: 'cleared_unacked',
        raisedAt: Date.UTC(2026, 0, 5, 1, 0),
      }),
    ]);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-alarm-id')).toBe('4');
    expect(alert.textContent).toContain('+1 more critical');
  });

  it('hands the tapped alarm to acknowledgement', () => {
    const acked: number[] = [];
    banner([alarmView({ id: 9, equipmentId: 'wic-1' })], 'en', (a) => acked.push(a.id));
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(acked).toEqual([9]);
  });

  it('speaks Chinese', () => {
    banner([alarmView({ id: 1, equipmentId: 'wic-1' })], 'zh-CN');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('严重告警：冷藏库 — 冷藏库温度高于 5 °C');
    expect(alert.textContent).toContain('处理方法：关好库门；转移高风险食材。');
    expect(screen.getByRole('button', { name: '确认告警' })).toBeTruthy();
  });
});
