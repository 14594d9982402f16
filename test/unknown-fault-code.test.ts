import { afterEach, beforeEach, expect, it } from 'vitest';
import { demoConfig, type FaultEdge, runStoreTime, startFaultEdge } from './testing/faults-kit';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The demo's walk-in cooler: its type has no fault_code rule. */
function coolerOnly() {
  return demoConfig((c) => ({ ...c, equipment: c.equipment.filter((e) => e.id === 'wic-1') }));
}

let edge: FaultEdge;

beforeEach(async () => {
  edge = await startFaultEdge(coolerOnly());
});

afterEach(async () => {
  await edge?.stop();
});

it('a fault code from equipment without a fault_code rule is an alarm with its code and words, cleared after an hour of quiet', async () => {
  const cooler = await edge.device('wic-1');
  await cooler.event('HP', 'high pressure switch open');

  const [alarm] = (await edge.api.alarms('state=active')).filter((a) =>
    a.rule.startsWith('unknown_fault_code'),
  );
  expect(alarm).toMatchObject({
    equipmentId: 'wic-1',
    rule: 'unknown_fault_code:HP',
    ruleKind: 'fault_code',
    severity: 'warning',
    state: 'active_unacked',
    raisedValue: 'HP',
    hazard: 'equipment',
  });
  expect(alarm?.title.en).toContain('HP');
  expect(alarm?.title['zh-CN']).toContain('HP');
  expect(alarm?.hint?.en).toContain('high pressure switch open');
  expect(alarm?.hint?.['zh-CN']).toContain('high pressure switch open');
  expect(edge.app.rules.stats.unknownFaultCodes).toBe(1);

  // Its compressor cycles, so nothing else in the demo's rules has a word to say.
  let tick = 0;
  const readings = () => ({ temp_c: 3 + (tick % 3) / 10, door_open: false, compressor_on: tick++ % 2 === 0 });
  await runStoreTime(edge.clock, 59 * MINUTE, 20 * SECOND, [{ device: cooler, readings }]);
  expect((await edge.api.alarms(`state=active`)).map((a) => a.rule)).toEqual(['unknown_fault_code:HP']);
  await runStoreTime(edge.clock, 2 * MINUTE, 20 * SECOND, [{ device: cooler, readings }]);
  const cleared = (await edge.api.alarms('state=all')).find((a) => a.id === alarm?.id);
  expect(cleared).toMatchObject({ rule: 'unknown_fault_code:HP', state: 'cleared_unacked' });
});
