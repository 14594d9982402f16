import { describe, expect, it } from 'vitest';
import { AlarmFeedWakeups } from './alarm-feed-wakeups';

describe('alarm feed wake-ups', () => {
  it('a burst of wake-ups calls each registered waiter once', () => {
    const wakeups = new AlarmFeedWakeups();
    const calls = [0, 0, 0];
    for (const i of [0, 1, 2])
      wakeups.afterTicket(wakeups.ticket(), () => {
        calls[i] = (calls[i] ?? 0) + 1;
      });
    for (let n = 0; n < 100; n++) wakeups.wake();
    expect(calls).toEqual([1, 1, 1]);
    expect(wakeups.wakes).toBe(100);
  });

  it('a wake between taking the ticket and waiting is not slept through', () => {
    const wakeups = new AlarmFeedWakeups();
    const ticket = wakeups.ticket();
    wakeups.wake(); // committed while the waiter was still querying
    let woken = false;
    wakeups.afterTicket(ticket, () => {
      woken = true;
    });
    expect(woken).toBe(true);
  });

  it('a waiter that gave up (timed out) is not called, nor kept', () => {
    const wakeups = new AlarmFeedWakeups();
    let woken = false;
    const unregister = wakeups.afterTicket(wakeups.ticket(), () => {
      woken = true;
    });
    unregister();
    wakeups.wake();
    expect(woken).toBe(false);
  });

  it('release answers every waiter, and later ones at once; wakes after it change nothing', () => {
    const wakeups = new AlarmFeedWakeups();
    const woken: string[] = [];
    wakeups.afterTicket(wakeups.ticket(), () => woken.push('held'));
    wakeups.release();
    wakeups.afterTicket(wakeups.ticket(), () => woken.push('late'));
    wakeups.wake();
    expect(woken).toEqual(['held', 'late']);
    expect(wakeups.released).toBe(true);
    expect(wakeups.wakes).toBe(0);
  });

  it('counts the polls it holds while they run', async () => {
    const wakeups = new AlarmFeedWakeups();
    let finish = () => {};
    const held = wakeups.hold(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(wakeups.held).toBe(1);
    finish();
    await held;
    expect(wakeups.held).toBe(0);
  });
});
