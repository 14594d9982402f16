import { describe, expect, it } from 'vitest';
import type { ClientIdentity } from './client-identity';
import { filterCovers, filtersOverlap, isEdgeOwnedTopic, mayPublish, maySubscribe } from './topic-access';

const S = 'store-1';
const fryer: ClientIdentity = { kind: 'device', name: 'fryer-1', equipmentId: 'fryer-1' };
const bms: ClientIdentity = {
  kind: 'integration',
  name: 'bms',
  acl: [
    { topic: `galley/${S}/hvac-1/#`, access: 'deny' },
    { topic: `galley/${S}/+/telemetry`, access: 'read' },
    { topic: `bms/${S}/in/#`, access: 'write' },
    { topic: `bms/${S}/#`, access: 'readwrite' },
  ],
};

describe('topic filter algebra', () => {
  it.each([
    ['a/#', 'a', true],
    ['a/#', 'a/b/c', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/+', true],
    ['a/+', 'a/#', false],
    ['a/b', 'a/+', false],
    ['a/+/c', 'a/b/c/d', false],
    ['#', '#', true],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(filterCovers(outer, inner)).toBe(expected);
  });

  it.each([
    ['a/#', 'a', true],
    ['a/+/c', 'a/b/+', true],
    ['a/b', 'a/c', false],
    ['a/+', 'a/b/c', false],
    ['+/+', '#', true],
  ])('%s overlaps %s: %s', (x, y, expected) => {
    expect(filtersOverlap(x, y)).toBe(expected);
    expect(filtersOverlap(y, x)).toBe(expected);
  });
});

describe('who may publish and subscribe where', () => {
  it('a device publishes only in its own subtree, never on _edge or $SYS', () => {
    expect(mayPublish(fryer, `galley/${S}/fryer-1/telemetry`, S)).toBe(true);
    expect(mayPublish(fryer, `galley/${S}/fryer-10/telemetry`, S)).toBe(false);
    expect(mayPublish(fryer, `galley/${S}/fryer-1`, S)).toBe(false);
    expect(mayPublish(fryer, `galley/other/fryer-1/telemetry`, S)).toBe(false);
    expect(mayPublish(fryer, `galley/${S}/_edge/x`, S)).toBe(false);
  });

  it('a device subscribes only within its own subtree', () => {
    expect(maySubscribe(fryer, `galley/${S}/fryer-1/#`, S)).toBe(true);
    expect(maySubscribe(fryer, `galley/${S}/+/telemetry`, S)).toBe(false);
    expect(maySubscribe(fryer, '#', S)).toBe(false);
  });

  it('integration rules: first match decides, no match denies', () => {
    expect(mayPublish(bms, `bms/${S}/in/setpoint`, S)).toBe(true);
    expect(maySubscribe(bms, `bms/${S}/in/#`, S)).toBe(false); // write-only rule comes first
    expect(maySubscribe(bms, `bms/${S}/out/#`, S)).toBe(true);
    expect(mayPublish(bms, `galley/${S}/fryer-1/telemetry`, S)).toBe(false); // read only
    expect(maySubscribe(bms, `galley/${S}/fryer-1/telemetry`, S)).toBe(true);
    expect(maySubscribe(bms, `galley/${S}/hvac-1/telemetry`, S)).toBe(false);
    expect(maySubscribe(bms, `galley/${S}/+/status`, S)).toBe(false);
    expect(maySubscribe(bms, '$SYS/#', S)).toBe(false);
  });

  it('the display only reads', () => {
    const display: ClientIdentity = { kind: 'display', name: 'display' };
    expect(maySubscribe(display, `galley/${S}/+/event`, S)).toBe(true);
    expect(maySubscribe(display, `galley/${S}/_edge/alarms/#`, S)).toBe(true);
    expect(maySubscribe(display, `galley/${S}/#`, S)).toBe(false);
    expect(mayPublish(display, `galley/${S}/fryer-1/telemetry`, S)).toBe(false);
  });
});

describe('isEdgeOwnedTopic', () => {
  it('marks exactly the topics whose third level is _edge under galley/', () => {
    const owned = ['galley/s1/_edge', 'galley/s1/_edge/', 'galley/s1/_edge/alarms/x', 'galley//_edge/a'];
    const notOwned = [
      'galley/s1/_edgeX/a',
      'galley/s1/wic-1/_edge',
      'galley/_edge',
      'galley/s1',
      'galleyx/s1/_edge/a',
      'other/s1/_edge/a',
      '_edge/s1/_edge',
      '',
    ];
    for (const topic of owned) expect(isEdgeOwnedTopic(topic), topic).toBe(true);
    for (const topic of notOwned) expect(isEdgeOwnedTopic(topic), topic).toBe(false);
  });
});
