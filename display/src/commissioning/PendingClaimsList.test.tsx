// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceClaimView } from '../../../shared/api/device-claim';
import { renderWithI18n } from '../testing/render-with-i18n';
import { PendingClaimsList } from './PendingClaimsList';

afterEach(cleanup);

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const claim = (serial: string, connected: boolean): DeviceClaimView => ({
  serial,
  model: 'TS-100',
  state: 'pending',
  equipmentId: null,
  preRegistered: false,
  firstSeenAt: T0,
  lastSeenAt: T0,
  remoteAddress: '10.0.0.7',
  decidedBy: null,
  decidedAt: null,
  deliveredAt: null,
  connected,
});

describe('PendingClaimsList', () => {
  it('lists each waiting device and accepts it as the chosen unit in one tap', () => {
    const decided: string[] = [];
    renderWithI18n(
      <PendingClaimsList
        claims={[claim('UNK-A1', true), claim('UNK-B2', false)]}
        units={['meter-hot', 'meter-main']}
        timezone="Asia/Shanghai"
        onAccept={(serial, unit) => decided.push(`accept ${serial} ${unit}`)}
        onReject={(serial) => decided.push(`reject ${serial}`)}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-serial'))).toEqual(['UNK-A1', 'UNK-B2']);
    expect(rows[0]?.textContent).toContain('connected, waiting');
    expect(rows[1]?.textContent).toContain('not connected');
    expect(rows[0]?.textContent).toContain('10.0.0.7');

    const accept = screen.getAllByRole('button', { name: 'Accept' })[0] as HTMLButtonElement;
    // No unit chosen yet: nothing to accept it as.
    expect(accept.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Unit UNK-A1'), { target: { value: 'meter-main' } });
    expect(accept.disabled).toBe(false);
    fireEvent.click(accept);
    fireEvent.click(screen.getAllByRole('button', { name: 'Reject' })[1] as HTMLButtonElement);
    expect(decided).toEqual(['accept UNK-A1 meter-main', 'reject UNK-B2']);
  });

  it('speaks zh-CN, says when nothing waits, and shows a refused decision', () => {
    renderWithI18n(
      <PendingClaimsList
        claims={[]}
        units={[]}
        timezone="Asia/Shanghai"
        onAccept={() => undefined}
        onReject={() => undefined}
        error="meter-main already holds credentials"
      />,
      'zh-CN',
    );
    expect(screen.getByRole('heading').textContent).toBe('待接受的设备');
    expect(screen.getByText('没有等待中的设备。')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('操作失败：meter-main already holds credentials');
  });

  it('holds the buttons of a claim whose decision is on its way', () => {
    renderWithI18n(
      <PendingClaimsList
        claims={[claim('UNK-A1', true)]}
        units={['meter-main']}
        timezone="Asia/Shanghai"
        busy="UNK-A1"
        onAccept={() => undefined}
        onReject={() => undefined}
      />,
    );
    expect((screen.getByRole('button', { name: 'Reject' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
