import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PosOrderSubmission } from '../../shared/api/orders';
import { PosConnectorSettings } from '../../shared/config/pos-connectors';
import { createRng } from '../random';
import { REALISTIC_FAULTS, withDeliveryFaults } from './delivery-faults';
import { SIM_MENU, SIM_MODIFIERS } from './menu';
import { PosOrderGenerator } from './order-generator';
import { OrderLifecycle } from './order-lifecycle';
import { ordersPerMinute, QUICK_SERVICE_DAY } from './rush-curve';
import { mergeScenario, splitScenario, stormScenario, voidScenario } from './scenarios';

const DAY_START = Date.UTC(2026, 0, 5, 0, 0);
const utcHour = (ms: number) => new Date(ms).getUTCHours() + new Date(ms).getUTCMinutes() / 60;

function runDay(seed: number) {
  const generator = new PosOrderGenerator({ rng: createRng(seed).fork('orders'), runId: 'day' });
  const lifecycle = new OrderLifecycle(generator, createRng(seed).fork('life'), utcHour);
  const events = [];
  for (let m = 1; m <= 24 * 60; m++) events.push(...lifecycle.minute(DAY_START + m * 60_000));
  return events;
}

describe('POS order generator', () => {
  it('replays the same day for the same seed and another day for another seed', () => {
    const a = runDay(7);
    expect(runDay(7)).toEqual(a);
    expect(runDay(8)).not.toEqual(a);
    expect(a.length).toBeGreaterThan(500);
  });

  it('produces only valid canonical events with unique event ids and rising versions per order', () => {
    const events = runDay(11);
    const ids = new Set<string>();
    const versions = new Map<string, number>();
    for (const event of events) {
      expect(PosOrderSubmission.safeParse(event).success).toBe(true);
      expect(ids.has(event.eventId)).toBe(false);
      ids.add(event.eventId);
      const last = versions.get(event.order.externalId) ?? 0;
      expect(event.order.version).toBe(last + 1);
      versions.set(event.order.externalId, event.order.version);
    }
    const statuses = new Set(events.map((e) => e.order.status));
    expect([...statuses].sort()).toEqual(['closed', 'open', 'refunded', 'voided']);
    expect(events.some((e) => e.order.lines.some((l) => l.movedFrom))).toBe(true);
    expect(events.some((e) => e.order.lines.some((l) => l.note?.includes('ALLERGY')))).toBe(true);
    expect(events.some((e) => e.order.lines.some((l) => l.modifiers.length > 0))).toBe(true);
    expect(new Set(events.map((e) => e.order.channel)).size).toBe(3);
  });

  it('follows the rush curve: lunch and dinner peaks, an afternoon lull, closed at night', () => {
    const rate = (h: number) => ordersPerMinute(h, QUICK_SERVICE_DAY);
    expect(rate(3)).toBe(0);
    expect(rate(12.4)).toBeGreaterThan(2 * rate(15.5));
    expect(rate(19)).toBeGreaterThan(2 * rate(15.5));
    expect(rate(12.4)).toBeGreaterThan(rate(19));
    const perHour = new Map<number, number>();
    for (const e of runDay(3).filter((e) => e.order.version === 1))
      perHour.set(
        new Date(e.order.placedAt).getUTCHours(),
        (perHour.get(new Date(e.order.placedAt).getUTCHours()) ?? 0) + 1,
      );
    expect(perHour.get(3) ?? 0).toBe(0);
    expect(perHour.get(12)!).toBeGreaterThan(2 * (perHour.get(15) ?? 0));
  });

  it('duplicates deliveries with the same eventId and lets versions overtake each other', () => {
    const events = runDay(5).slice(0, 400);
    const delivered = withDeliveryFaults(events, REALISTIC_FAULTS, createRng(1));
    expect(delivered.length).toBeGreaterThan(events.length);
    expect(new Set(delivered.map((e) => e.eventId)).size).toBe(events.length);
    const seen = new Map<string, number>();
    let overtaken = 0;
    for (const e of delivered) {
      if ((seen.get(e.order.externalId) ?? 0) > e.order.version) overtaken++;
      seen.set(e.order.externalId, Math.max(seen.get(e.order.externalId) ?? 0, e.order.version));
    }
    expect(overtaken).toBeGreaterThan(0);
  });
});

describe('POS scenarios', () => {
  it('storm: one order delivered 9 times, versions 1..6 shuffled plus 3 exact repeats', () => {
    const storm = stormScenario({ seed: 42 });
    expect(storm).toHaveLength(9);
    expect(new Set(storm.map((e) => e.order.externalId)).size).toBe(1);
    expect([...new Set(storm.map((e) => e.order.version))].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(storm.map((e) => e.eventId)).size).toBe(6);
    const firstSix = storm
      .filter((e, i) => storm.findIndex((x) => x.eventId === e.eventId) === i)
      .map((e) => e.order.version);
    expect(firstSix).not.toEqual([1, 2, 3, 4, 5, 6]);
    expect(stormScenario({ seed: 42 })).toEqual(storm);
  });

  it('split: the new check carries movedFrom and the old one loses those lines', () => {
    const events = splitScenario();
    const split = events.find((e) => e.order.lines.some((l) => l.movedFrom))!;
    const original = events[0]!.order.externalId;
    const shrunk = events.find(
      (e) => e.order.externalId === original && e.order.version > 1 && e.order.lines.length === 2,
    )!;
    expect(split.order.lines.every((l) => l.movedFrom?.externalId === original)).toBe(true);
    const movedIds = split.order.lines.map((l) => l.movedFrom!.lineId);
    expect(shrunk.order.lines.map((l) => l.lineId).some((id) => movedIds.includes(id))).toBe(false);
  });

  it('merge and void scenarios end closed, voided and refunded', () => {
    const merge = mergeScenario();
    const emptied = merge.filter((e) => e.order.externalId === merge[1]!.order.externalId).at(-1)!;
    expect(emptied.order.lines).toHaveLength(0);
    expect(merge.at(-1)!.order.status).toBe('closed');
    expect(voidScenario().map((e) => e.order.status)).toEqual([
      'open',
      'open',
      'voided',
      'closed',
      'refunded',
    ]);
  });

  it('every simulator catalog id is mapped by the demo connector config', () => {
    const file = parse(
      readFileSync(new URL('../../config/examples/pos-connectors.yaml', import.meta.url), 'utf8'),
    ) as {
      posConnectors: unknown;
    };
    const settings = PosConnectorSettings.parse(file.posConnectors);
    for (const item of SIM_MENU) expect(settings.square?.catalog.items[item.squareId]).toBe(item.id);
    for (const modifier of SIM_MODIFIERS)
      expect(settings.square?.catalog.modifiers[modifier.squareId]).toBe(modifier.id);
  });
});
