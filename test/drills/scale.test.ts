import { describe, expect, it } from 'vitest';
import { runScale } from '../scale-run';

describe('scale: the simulator against a real edge process', () => {
  it('200 devices at 1 Hz: all connect, nothing refused or rejected, every acknowledged message stored', async () => {
    const figure = await runScale({ devices: 200, durationS: 8, allConnectedWithinMs: 30_000 });

    expect(figure.connected).toBe(200);
    expect(figure.refusedConnections).toBe(0);
    expect(figure.rejected).toBe(0);
    expect(figure.dropped).toBe(0);
    expect(figure.deviceErrors).toBe(0);
    expect(figure.tallies).toHaveLength(200);
    // Each device reported for at least most of the steady window, and the edge has all of it.
    const missing = figure.tallies.filter((t) => t.acked < 6 || t.stored < t.acked);
    expect(missing).toEqual([]);
    expect(figure.lost).toBe(0);
    expect(figure.perSecond).toBeGreaterThan(150);
  }, 90_000);
});
