import { describe, expect, it } from 'vitest';
import { topicMatchesFilter, topics } from '../../../shared/topics';
import { pushFilters, readPushMessage } from './push-message';

const STORE = 'demo-sh-001';
const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytes(JSON.stringify(value));

describe('readPushMessage', () => {
  it('reads valid telemetry as a reading to apply', () => {
    const message = { ts: 1_767_587_400_000, readings: { temp_c: 3.2, door_open: false } };
    expect(readPushMessage(STORE, topics.telemetry(STORE, 'wic-1'), json(message))).toEqual({
      kind: 'telemetry',
      equipmentId: 'wic-1',
      message,
    });
  });

  it.each([
    ['not JSON', bytes('{"ts": 1, "readings"')],
    ['no readings', json({ ts: 1_767_587_400_000 })],
    ['a string reading', json({ ts: 1_767_587_400_000, readings: { temp_c: '3.2' } })],
    ['a time in seconds as text', json({ ts: 'yesterday', readings: { temp_c: 3.2 } })],
    ['empty', bytes('')],
  ])('ignores telemetry that breaks the device contract: %s', (_, payload) => {
    expect(readPushMessage(STORE, topics.telemetry(STORE, 'wic-1'), payload)).toEqual({ kind: 'ignored' });
  });

  it('ignores another store and topics that are not device messages', () => {
    const reading = json({ ts: 1_767_587_400_000, readings: { temp_c: 3.2 } });
    expect(readPushMessage(STORE, topics.telemetry('other-store', 'wic-1'), reading).kind).toBe('ignored');
    expect(readPushMessage(STORE, `galley/${STORE}/wic-1/telemetry/extra`, reading).kind).toBe('ignored');
  });

  it('refetches the equipment on a device status, which the edge interprets', () => {
    expect(readPushMessage(STORE, topics.status(STORE, 'wic-1'), json({ online: false }))).toEqual({
      kind: 'changed',
      parts: ['equipment'],
    });
    expect(readPushMessage(STORE, topics.status(STORE, 'wic-1'), json({ online: 'no' })).kind).toBe(
      'ignored',
    );
  });

  it('refetches equipment, alarms and tickets on an alarm change, even a retained one being cleared', () => {
    for (const payload of [json({ equipmentId: 'wic-1' }), bytes('')]) {
      expect(readPushMessage(STORE, topics.edge(STORE, 'alarms', 'wic-1'), payload)).toEqual({
        kind: 'changed',
        parts: ['equipment', 'alarms', 'tickets'],
      });
    }
  });

  it('refetches the tickets, and nothing else, when the edge announces a ticket change', () => {
    const change = { ticketId: 42, equipmentId: 'wic-1', status: 'assigned', at: 1_767_587_400_000 };
    // The topic is the news: the list is refetched whatever the payload holds.
    for (const payload of [json(change), json({}), bytes('')]) {
      expect(readPushMessage(STORE, topics.edgeTicket(STORE, 42), payload)).toEqual({
        kind: 'changed',
        parts: ['tickets'],
      });
    }
  });

  it("reads a serial reading the edge publishes as that equipment's telemetry, like a device's own", () => {
    const message = { ts: 1_767_587_400_000, readings: { oil_temp_c: 178, heating_on: true } };
    expect(readPushMessage(STORE, topics.edgeTelemetry(STORE, 'fryer-3'), json(message))).toEqual({
      kind: 'telemetry',
      equipmentId: 'fryer-3',
      message,
    });
    expect(readPushMessage(STORE, topics.edgeTelemetry(STORE, 'fryer-3'), json(message))).toEqual(
      readPushMessage(STORE, topics.telemetry(STORE, 'fryer-3'), json(message)),
    );
  });

  it.each([
    ['not JSON', topics.edgeTelemetry(STORE, 'rif-1'), bytes('{"ts": 1')],
    ['empty', topics.edgeTelemetry(STORE, 'rif-1'), bytes('')],
    ['a string reading', topics.edgeTelemetry(STORE, 'rif-1'), json({ ts: 1, readings: { temp_c: 'x' } })],
    ['no equipment id', topics.edge(STORE, 'telemetry'), json({ ts: 1, readings: { temp_c: -20 } })],
    [
      'a level too deep',
      `${topics.edgeTelemetry(STORE, 'rif-1')}/x`,
      json({ ts: 1, readings: { temp_c: -20 } }),
    ],
    [
      'another store',
      topics.edgeTelemetry('other-store', 'rif-1'),
      json({ ts: 1, readings: { temp_c: -20 } }),
    ],
  ])(
    'ignores an edge telemetry message it cannot apply, without refetching anything: %s',
    (_, topic, payload) => {
      expect(readPushMessage(STORE, topic, payload)).toEqual({ kind: 'ignored' });
    },
  );

  it('refetches everything on an edge announcement it does not know yet', () => {
    expect(readPushMessage(STORE, topics.edge(STORE, 'recipes', 'fries'), json({}))).toEqual({
      kind: 'changed',
      parts: ['equipment', 'alarms', 'tickets'],
    });
  });

  it("ignores another store's edge announcements", () => {
    expect(readPushMessage(STORE, topics.edgeTicket('other-store', 42), json({})).kind).toBe('ignored');
    expect(readPushMessage(STORE, topics.edge('other-store', 'alarms', 'wic-1'), json({})).kind).toBe(
      'ignored',
    );
  });

  it('leaves device events to the alarm they may raise', () => {
    const event = json({ ts: 1_767_587_400_000, code: 'E10' });
    expect(readPushMessage(STORE, topics.event(STORE, 'oven-1'), event).kind).toBe('ignored');
  });
});

describe('pushFilters', () => {
  it('covers telemetry, status and the edge subtree, not device events', () => {
    const matched = (topic: string) => pushFilters(STORE).some((f) => topicMatchesFilter(f, topic));
    expect(matched(topics.telemetry(STORE, 'wic-1'))).toBe(true);
    expect(matched(topics.status(STORE, 'wic-1'))).toBe(true);
    expect(matched(topics.edge(STORE, 'alarms', 'wic-1'))).toBe(true);
    expect(matched(topics.edgeTicket(STORE, 42))).toBe(true);
    expect(matched(topics.edgeTelemetry(STORE, 'fryer-3'))).toBe(true);
    expect(matched(topics.event(STORE, 'wic-1'))).toBe(false);
    expect(matched(topics.telemetry('other-store', 'wic-1'))).toBe(false);
  });
});
