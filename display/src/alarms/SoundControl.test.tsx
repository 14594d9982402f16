// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../../shared/api/alarms';
import { createI18n } from '../i18n/setup';
import { alarmView } from '../testing/equipment-fixtures';
import { fakeAudio } from '../testing/fake-audio';
import { useAlarmMute } from './alarm-mute';
import { AlarmSound } from './alarm-sound';
import { SoundControl } from './SoundControl';

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 5, 4, 0); // 12:00 in Shanghai
const MIN = 60_000;

/** The header's sound control wired as the App wires it, showing what would sound. */
function Header(props: { sound: AlarmSound; alarms: AlarmView[]; now: number; person?: string }) {
  const mute = useAlarmMute(props.alarms, props.now);
  return (
    <div>
      <output data-testid="level">{mute.level ?? 'silent'}</output>
      <SoundControl
        sound={props.sound}
        alerting={mute.alerting}
        mute={mute.mute}
        timezone="Asia/Shanghai"
        onMute={() => mute.muteFor(props.person, props.now)}
        onUnmute={mute.unmute}
      />
    </div>
  );
}

/** Renders under one i18n instance that a rerender keeps, so the header keeps its state. */
function renderWithI18n(ui: ReactElement, locale: 'en' | 'zh-CN' = 'en') {
  const i18n = createI18n(locale);
  const view = render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
  return {
    rerender: (next: ReactElement) => view.rerender(<I18nextProvider i18n={i18n}>{next}</I18nextProvider>),
  };
}

const running = () => new AlarmSound(() => fakeAudio('running').ctx);
const level = () => screen.getByTestId('level').textContent;

describe('SoundControl', () => {
  it('says the sound is off while the browser blocks it, and a tap turns it on', async () => {
    const sound = new AlarmSound(() => fakeAudio('suspended').ctx);
    renderWithI18n(<Header sound={sound} alarms={[]} now={NOW} />, 'zh-CN');
    const blocked = screen.getByRole('button', { name: '声音已关闭 — 轻触开启' });
    await act(async () => {
      fireEvent.click(blocked);
    });
    expect(screen.queryByRole('button', { name: '声音已关闭 — 轻触开启' })).toBeNull();
  });

  it('mutes for 5 minutes naming who muted; a new alarm sounds through the mute', () => {
    const cooler = alarmView({ id: 1, equipmentId: 'wic-1' });
    const { rerender } = renderWithI18n(
      <Header sound={running()} alarms={[cooler]} now={NOW} person="陈 Chen" />,
    );
    expect(level()).toBe('critical');
    fireEvent.click(screen.getByRole('button', { name: 'Mute 5 min' }));
    expect(level()).toBe('silent');
    expect(screen.getByRole('button').textContent).toBe('Muted by 陈 Chen until 12:05');

    const fryer = alarmView({ id: 2, equipmentId: 'fryer-1', severity: 'warning' });
    rerender(<Header sound={running()} alarms={[cooler, fryer]} now={NOW + MIN} person="陈 Chen" />);
    expect(level()).toBe('critical');
    expect(screen.getByRole('button').textContent).toBe('Mute 5 min');
  });

  it('says the display muted when nobody is signed in, and sounds again when the mute runs out', () => {
    const sound = running();
    const dish = alarmView({ id: 3, equipmentId: 'dish-1', severity: 'warning' });
    const { rerender } = renderWithI18n(<Header sound={sound} alarms={[dish]} now={NOW} />, 'zh-CN');
    expect(level()).toBe('warning');
    fireEvent.click(screen.getByRole('button', { name: '静音 5 分钟' }));
    expect(screen.getByRole('button').textContent).toBe('本显示屏 已静音至 12:05');
    rerender(<Header sound={sound} alarms={[dish]} now={NOW + 5 * MIN} />);
    expect(level()).toBe('warning');
  });

  it('sounds again for an alarm acknowledged during the mute that comes back, raised again or worse', () => {
    const sound = running();
    const cooler = alarmView({ id: 1, equipmentId: 'wic-1' });
    const oven = alarmView({ id: 2, equipmentId: 'oven-1' });
    const { rerender } = renderWithI18n(<Header sound={sound} alarms={[cooler, oven]} now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Mute 5 min' }));
    // Someone acknowledges the cooler: still muted for the oven.
    const ackedCooler = { ...cooler, state: 'active_acked' as const, ackedBy: 'staff-chen' };
    rerender(<Header sound={sound} alarms={[ackedCooler, oven]} now={NOW + MIN} />);
    expect(level()).toBe('silent');
    // It got worse: unacknowledged again, and heard.
    const worse = { ...cooler, worsening: true };
    rerender(<Header sound={sound} alarms={[worse, oven]} now={NOW + 2 * MIN} />);
    expect(level()).toBe('critical');

    fireEvent.click(screen.getByRole('button', { name: 'Mute 5 min' }));
    expect(level()).toBe('silent');
    const reraised = { ...oven, raiseCount: 2 };
    rerender(<Header sound={sound} alarms={[worse, reraised]} now={NOW + 3 * MIN} />);
    expect(level()).toBe('critical');
  });
});
