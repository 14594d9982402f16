// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreInfo } from '../../../shared/api/store';
import { RequestError } from '../../../shared/browser/json-client';
import { renderWithI18n } from '../testing/render-with-i18n';
import { PinDialog } from './PinDialog';

afterEach(cleanup);

const store = StoreInfo.parse({
  id: 'demo-sh-001',
  name: 'Demo kitchen',
  region: 'east',
  timezone: 'Asia/Shanghai',
  users: [
    { id: 'mgr-li', name: '李经理 Manager Li', role: 'manager', pinLength: 4 },
    { id: 'staff-chen', name: '陈 Chen', role: 'staff' },
  ],
});

function open(locale: 'en' | 'zh-CN' = 'en') {
  return renderWithI18n(
    <PinDialog
      action="acknowledge"
      users={store.users}
      onDone={() => undefined}
      onCancel={() => undefined}
    />,
    locale,
  );
}

describe('PinDialog', () => {
  it('first lists the people of the store to tap, with their role, and no text field', () => {
    const { container } = open();
    const names = [...container.querySelectorAll('[data-user-id]')].map((b) => b.textContent);
    expect(names).toEqual(['李经理 Manager LiManager', '陈 ChenStaff']);
    expect(container.querySelector('input')).toBeNull();
    expect(container.querySelector('.pin-pad')).toBeNull();
  });

  it('after a name, a numeric keypad builds the PIN; delete and clear work; OK needs 4 digits', () => {
    const { container } = open();
    fireEvent.click(container.querySelector('[data-user-id="staff-chen"]') as HTMLElement);
    expect(container.querySelector('input')).toBeNull();
    const ok = screen.getByRole('button', { name: 'OK' }) as HTMLButtonElement;
    for (const d of ['1', '2', '3']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(screen.getByTestId('pin-dots').textContent).toBe('●●●');
    expect(ok.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    expect(screen.getByTestId('pin-dots').textContent).toBe('●●');
    for (const d of ['0', '9']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(ok.disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByTestId('pin-dots').textContent).toBe('\u00a0');
    fireEvent.click(screen.getByRole('button', { name: 'Not me' }));
    expect(screen.getByTestId('user-picker')).toBeTruthy();
  });

  it('sends the PIN by itself with its last digit, once, and starts over after a wrong one', async () => {
    const tried: string[] = [];
    let verified = 0;
    renderWithI18n(
      <PinDialog
        action="acknowledge"
        users={store.users}
        onDone={() => undefined}
        onCancel={() => undefined}
        verify={{
          check: async (user, pin) => {
            tried.push(`${user}:${pin}`);
            if (pin !== '2222') throw new RequestError('unauthorized', 'wrong PIN', 401);
          },
          onVerified: () => {
            verified += 1;
          },
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Manager Li/ }));
    for (const d of ['1', '2', '3']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(tried).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: '4' }));
    await screen.findByText('Unknown user or wrong PIN');
    expect(tried).toEqual(['mgr-li:1234']);
    expect(screen.getByTestId('pin-dots').textContent).toBe('\u00a0');
    for (const d of ['2', '2', '2', '2']) fireEvent.click(screen.getByRole('button', { name: d }));
    await waitFor(() => expect(verified).toBe(1));
    expect(tried).toEqual(['mgr-li:1234', 'mgr-li:2222']);
  });

  it('waits for OK where the store config does not give the PIN length', async () => {
    const tried: string[] = [];
    renderWithI18n(
      <PinDialog
        action="acknowledge"
        users={store.users}
        onDone={() => undefined}
        onCancel={() => undefined}
        verify={{
          check: async (user, pin) => {
            tried.push(`${user}:${pin}`);
          },
          onVerified: () => undefined,
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Chen/ }));
    for (const d of ['1', '2', '3', '4', '5', '6']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(tried).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(tried).toEqual(['staff-chen:123456']));
  });

  it('speaks Chinese', () => {
    open('zh-CN');
    expect(screen.getByRole('heading').textContent).toBe('您是哪位？');
    expect(screen.getByRole('button', { name: /陈 Chen\s*员工/ })).toBeTruthy();
  });

  it('falls back to typing a user id where the edge does not list its people', () => {
    renderWithI18n(<PinDialog action="x" users={[]} onDone={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByLabelText('User id')).toBeTruthy();
  });
});
