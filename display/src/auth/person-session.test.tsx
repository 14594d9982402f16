// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePersonSession } from './person-session';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const IDLE_MS = 90_000;

/** A screen that someone logs in on, as the display's App does, returning to the board when idle. */
function Screen() {
  const [where, setWhere] = useState('tickets');
  const { session, setSession, logOut } = usePersonSession(IDLE_MS, () => setWhere('board'));
  return (
    <div>
      <p data-testid="who">{session ? `${session.name} (${session.role})` : 'nobody'}</p>
      <p data-testid="where">{where}</p>
      <button
        type="button"
        onClick={() =>
          setSession({ token: 't', userId: 'mgr-li', name: 'Manager Li', role: 'manager', expiresAt: 0 })
        }
      >
        log in
      </button>
      <button type="button" onClick={logOut}>
        log out
      </button>
    </div>
  );
}

const who = () => screen.getByTestId('who').textContent;
const where = () => screen.getByTestId('where').textContent;

describe('auto-logout after inactivity', () => {
  it('logs out and returns to the board once nobody touched the screen for the idle time', () => {
    render(<Screen />);
    fireEvent.click(screen.getByRole('button', { name: 'log in' }));
    expect(who()).toBe('Manager Li (manager)');
    act(() => vi.advanceTimersByTime(IDLE_MS - 1));
    expect(who()).toBe('Manager Li (manager)');
    expect(where()).toBe('tickets');
    act(() => vi.advanceTimersByTime(1));
    expect(who()).toBe('nobody');
    expect(where()).toBe('board');
  });

  it('every touch or key press starts the idle time again', () => {
    render(<Screen />);
    fireEvent.click(screen.getByRole('button', { name: 'log in' }));
    for (let i = 0; i < 5; i++) {
      act(() => vi.advanceTimersByTime(IDLE_MS - 1000));
      fireEvent.pointerDown(window);
    }
    act(() => vi.advanceTimersByTime(IDLE_MS - 1000));
    fireEvent.keyDown(window, { key: 'x' });
    act(() => vi.advanceTimersByTime(IDLE_MS - 1000));
    expect(who()).toBe('Manager Li (manager)');
    act(() => vi.advanceTimersByTime(1000));
    expect(who()).toBe('nobody');
  });

  it('logging out by hand ends the session at once', () => {
    render(<Screen />);
    fireEvent.click(screen.getByRole('button', { name: 'log in' }));
    fireEvent.click(screen.getByRole('button', { name: 'log out' }));
    expect(who()).toBe('nobody');
  });
});
