import { describe, expect, it } from 'vitest';
import { placeLimitLabels } from './limit-labels';

const TOP = 10;
const BOTTOM = 300;
const TEXT = 18;

function overlaps(a: number, b: number): boolean {
  return Math.abs(a - b) < TEXT;
}

describe('placeLimitLabels', () => {
  it('puts a label just above its line', () => {
    const [label] = placeLimitLabels([150], TOP, BOTTOM, TEXT);
    expect(label?.index).toBe(0);
    expect(label?.y).toBeLessThan(150);
    expect(label?.y).toBeGreaterThan(150 - TEXT);
  });

  it('keeps a label inside the plot where its line runs along the top', () => {
    const [label] = placeLimitLabels([TOP + 2], TOP, BOTTOM, TEXT);
    expect((label?.y ?? 0) - TEXT).toBeGreaterThanOrEqual(TOP);
    expect(label?.y).toBeLessThanOrEqual(BOTTOM);
  });

  it('moves labels of close lines off each other, each still inside the plot', () => {
    const placed = placeLimitLabels([200, 204, 208, 60], TOP, BOTTOM, TEXT);
    expect(placed.map((p) => p.index).sort()).toEqual([0, 1, 2, 3]);
    for (const a of placed) {
      expect(a.y - TEXT).toBeGreaterThanOrEqual(TOP);
      expect(a.y).toBeLessThanOrEqual(BOTTOM);
      for (const b of placed) if (a !== b) expect(overlaps(a.y, b.y), `${a.index} on ${b.index}`).toBe(false);
    }
  });

  it('leaves out a label the plot has no room for, never one over another', () => {
    const placed = placeLimitLabels([20, 22, 24], TOP, 50, TEXT);
    expect(placed.length).toBeLessThan(3);
    for (const a of placed) for (const b of placed) if (a !== b) expect(overlaps(a.y, b.y)).toBe(false);
  });
});
