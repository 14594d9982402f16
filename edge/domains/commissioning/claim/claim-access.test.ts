import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { topics } from '../../../../shared/topics';
import type { ClientIdentity } from '../../../broker/client-identity';
import { isClaimTopic, mayPublish, maySubscribe } from '../../../broker/topic-access';
import { CLAIM_BURST, CLAIM_FAILURES_ALLOWED, CLAIM_LOCKOUT_MS, ClaimThrottle } from './claim-throttle';

const STORE = 'demo-sh-001';
const claimant: ClientIdentity = { kind: 'claim', name: '_claim.SN-0001', serial: 'SN-0001' };
const device: ClientIdentity = { kind: 'device', name: 'wic-1', equipmentId: 'wic-1' };
const integration: ClientIdentity = {
  kind: 'integration',
  name: 'bms',
  acl: [{ topic: `galley/${STORE}/#`, access: 'readwrite' }],
};

describe('claim topic access', () => {
  it('knows the claim subtree of any store, and nothing that merely looks like it', () => {
    expect(isClaimTopic(topics.claimReply(STORE, 'SN-0001'))).toBe(true);
    expect(isClaimTopic(`galley/other/_claim`)).toBe(true);
    expect(isClaimTopic(`galley/${STORE}/_claimed/x`)).toBe(false);
    expect(isClaimTopic(`galley/${STORE}/wic-1/_claim`)).toBe(false);
    expect(isClaimTopic(`other/${STORE}/_claim/x`)).toBe(false);
  });

  it('lets a claimant hear its own reply only, and publish nowhere', () => {
    expect(maySubscribe(claimant, topics.claimReply(STORE, 'SN-0001'), STORE)).toBe(true);
    for (const filter of [
      topics.claimReply(STORE, 'SN-0002'),
      topics.claimReply('other-store', 'SN-0001'),
      `galley/${STORE}/_claim/+`,
      `galley/${STORE}/#`,
      '#',
    ]) {
      expect(maySubscribe(claimant, filter, STORE), filter).toBe(false);
    }
    expect(mayPublish(claimant, topics.claimReply(STORE, 'SN-0001'), STORE)).toBe(false);
    expect(mayPublish(claimant, topics.telemetry(STORE, 'wic-1'), STORE)).toBe(false);
  });

  it('lets nobody publish a forged claim reply, whatever its ACL', () => {
    expect(mayPublish(integration, topics.claimReply(STORE, 'SN-0001'), STORE)).toBe(false);
    expect(mayPublish(integration, topics.telemetry(STORE, 'wic-1'), STORE)).toBe(true);
    expect(mayPublish(device, topics.claimReply(STORE, 'SN-0001'), STORE)).toBe(false);
  });
});

describe('ClaimThrottle', () => {
  it('locks an address out after repeated wrong keys, for the lockout from its last one', () => {
    const clock = new FakeClock();
    const throttle = new ClaimThrottle(clock);
    for (let i = 0; i < CLAIM_FAILURES_ALLOWED; i++) {
      expect(throttle.waitMs('10.0.0.7')).toBe(0);
      throttle.failed('10.0.0.7');
    }
    expect(throttle.waitMs('10.0.0.7')).toBe(CLAIM_LOCKOUT_MS);
    expect(throttle.waitMs('10.0.0.8')).toBe(0);
    clock.advance(CLAIM_LOCKOUT_MS);
    expect(throttle.waitMs('10.0.0.7')).toBe(0);
  });

  it('forgives wrong keys a lockout period apart', () => {
    const clock = new FakeClock();
    const throttle = new ClaimThrottle(clock);
    for (let i = 0; i < CLAIM_FAILURES_ALLOWED * 2; i++) {
      throttle.failed('10.0.0.7');
      clock.advance(CLAIM_LOCKOUT_MS);
    }
    expect(throttle.waitMs('10.0.0.7')).toBe(0);
  });

  it('takes at most a burst of claims store-wide, then refills with time', () => {
    const clock = new FakeClock();
    const throttle = new ClaimThrottle(clock);
    for (let i = 0; i < CLAIM_BURST; i++) expect(throttle.waitMs(`10.0.1.${i % 250}`)).toBe(0);
    expect(throttle.waitMs('10.0.2.1')).toBeGreaterThan(0);
    clock.advance(1000);
    expect(throttle.waitMs('10.0.2.1')).toBe(0);
  });
});
