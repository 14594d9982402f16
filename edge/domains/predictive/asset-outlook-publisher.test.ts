import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetOutlook } from '../../../shared/predictive/asset-outlook';
import { type Database, openDatabase } from '../../store/database';
import { riskScore } from './asset-outlook';
import { AssetOutlookPublisher, forecastBand, OUTLOOK_MIN_INTERVAL_MS } from './asset-outlook-publisher';

const T0 = Date.UTC(2026, 1, 1);
const MIN = 60_000;

const base: AssetOutlook = {
  equipmentId: 'wic-1',
  kind: 'refrigerated',
  state: 'normal',
  cause: null,
  forecastHours: null,
  forecastLowHours: null,
  forecastHighHours: null,
  riskScore: 4,
  moneyAtStake: '0',
  prescriptive: null,
  missing: [],
  at: T0,
};

describe('predictive.asset_outlook: news at once, anything else at most hourly', () => {
  let dir: string | undefined;
  let db: Database | undefined;
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    dir ??= mkdtempSync(join(tmpdir(), 'galley-outlook-'));
    db = openDatabase(dir);
    return db;
  };
  const sent = (d: Database) =>
    d
      .prepare<[], { payload: string }>(
        `SELECT payload FROM outbox WHERE type = 'predictive.asset_outlook' ORDER BY seq`,
      )
      .all()
      .map((r) => JSON.parse(r.payload) as AssetOutlook);

  it('sends the first, holds the same, holds a risk wobble for an hour, sends a state or band change at once', () => {
    const d = open();
    const p = new AssetOutlookPublisher(d, 'test-store');
    expect(p.offer(base)).toBe(true);
    expect(p.offer({ ...base, at: T0 + 2 * OUTLOOK_MIN_INTERVAL_MS })).toBe(false); // nothing changed at all
    expect(p.offer({ ...base, riskScore: 6, at: T0 + 59 * MIN })).toBe(false);
    expect(p.offer({ ...base, riskScore: 6, at: T0 + 60 * MIN })).toBe(true);
    const drifting = { ...base, state: 'drifting' as const, riskScore: 38, at: T0 + 61 * MIN };
    expect(p.offer(drifting)).toBe(true);
    const finding = {
      ...drifting,
      state: 'finding' as const,
      cause: 'condenser_fouling' as const,
      forecastHours: 80,
      forecastLowHours: 60,
      forecastHighHours: 100,
      riskScore: 79,
      at: T0 + 62 * MIN,
    };
    expect(p.offer(finding)).toBe(true);
    // 80 h → 75 h stays in the 72–168 h band; 80 h → 70 h crosses into 24–72 h.
    expect(p.offer({ ...finding, forecastHours: 75, at: T0 + 63 * MIN })).toBe(false);
    expect(p.offer({ ...finding, forecastHours: 70, at: T0 + 64 * MIN })).toBe(true);
    expect(sent(d).map((o) => [o.state, o.riskScore, o.forecastHours])).toEqual([
      ['normal', 4, null],
      ['normal', 6, null],
      ['drifting', 38, null],
      ['finding', 79, 80],
      ['finding', 79, 70],
    ]);

    // After a restart the last one sent is remembered: no resend of the same.
    const again = new AssetOutlookPublisher(d, 'test-store');
    expect(again.offer({ ...finding, forecastHours: 70, at: T0 + 65 * MIN })).toBe(false);
    expect(sent(d)).toHaveLength(5);
  });

  it('forecast bands and the risk score formula', () => {
    expect([null, 0, 23.9, 24, 71, 72, 167, 168, 500].map(forecastBand)).toEqual([
      -1, 0, 0, 1, 1, 2, 2, 3, 3,
    ]);
    expect(riskScore('learning', 1, null)).toBe(0);
    expect(riskScore('normal', 0.2, null)).toBe(4);
    expect(riskScore('drifting', 0.5, null)).toBe(35);
    expect(riskScore('finding', 1, null)).toBe(70);
    expect(riskScore('finding', 1, 0)).toBe(100);
    expect(riskScore('finding', 1, 31)).toBe(93);
    expect(riskScore('finding', 1, 400)).toBe(60);
  });
});
