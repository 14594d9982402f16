import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimKeyStore } from '../edge/domains/commissioning/claim/claim-key-store';
import { ClaimRefusedError, claimCredentials } from '../firmware-sim/claim-client';
import { connackCode, connectClient, grantedCodes, within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { type ClaimEdge, serialOf, startClaimEdge } from './device-claim-edge';

/** Acceptance of the device claim (issue 21): a real broker, real SQLite, real mqtt.js devices. */
describe('device claim at commissioning', () => {
  let edge: ClaimEdge;
  beforeEach(async () => {
    edge = await startClaimEdge(18);
  });
  afterEach(async () => {
    await edge.stop();
  });

  const claim = (claimKey: string, serial: string, timeoutMs = 8000, model = 'TS-100') =>
    claimCredentials({ host: '127.0.0.1', port: edge.port, claimKey, serial, model, timeoutMs });

  it('20 devices claim at once: 18 pre-registered get working credentials, 2 unknown wait for a technician', async () => {
    const { key } = edge.keys.issue(72);
    const unknown = ['UNK-A1', 'UNK-B2'];
    const serials = [...Array.from({ length: 18 }, (_, i) => serialOf(i + 1)), ...unknown];
    const started = performance.now();
    let lastGrantMs = 0;
    const outcomes = await Promise.allSettled(
      serials.map((s) =>
        claim(key, s, 3000).then((reply) => {
          lastGrantMs = performance.now() - started;
          return reply;
        }),
      ),
    );

    const granted = outcomes.slice(0, 18).map((o, i) => {
      expect(o.status, `${serials[i]}`).toBe('fulfilled');
      return (o as PromiseFulfilledResult<{ equipmentId: string; secret: string }>).value;
    });
    expect(granted.map((g) => g.equipmentId)).toEqual(edge.config.equipment.slice(0, 18).map((e) => e.id));
    // The credentials are real: each unit connects as itself with them, and only with them.
    for (const g of granted) {
      expect(await connackCode(edge.port, { username: g.equipmentId, password: g.secret })).toBe(0);
    }
    expect(
      await connackCode(edge.port, { username: granted[0]?.equipmentId, password: granted[1]?.secret }),
    ).toBe(4);

    // The two unknown ones got nothing and are listed for a technician, without secrets.
    for (const o of outcomes.slice(18)) {
      expect(o.status).toBe('rejected');
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'CLAIM_TIMEOUT' });
    }
    const pending = edge.claims.list('pending');
    expect(pending.map((p) => [p.serial, p.model, p.state, p.equipmentId])).toEqual([
      ['UNK-A1', 'TS-100', 'pending', null],
      ['UNK-B2', 'TS-100', 'pending', null],
    ]);
    expect(pending[0]?.remoteAddress).toMatch(/127\.0\.0\.1/);
    const all = edge.claims.list('all');
    expect(all.filter((c) => c.state === 'delivered')).toHaveLength(18);
    expect(edge.claims.counts()).toMatchObject({ admitted: 20, delivered: 18, refused: 0 });
    console.info(
      `device-claim: 20 concurrent claims, the 18th credentials delivered after ${lastGrantMs.toFixed(0)} ms`,
    );
  });

  it('a technician accepts a connected claimant (delivered at once) and a gone one (on its next claim)', async () => {
    const { key } = edge.keys.issue(72);
    const [unitA, unitB] = edge.config.equipment.slice(18).map((e) => e.id) as [string, string];
    // B claims and gives up before anyone accepts it.
    await expect(claim(key, 'UNK-B2', 300)).rejects.toMatchObject({ code: 'CLAIM_TIMEOUT' });

    const waitingA = claim(key, 'UNK-A1', 8000);
    await within(
      (async () => {
        while (!edge.claims.list('pending').some((c) => c.serial === 'UNK-A1' && c.connected))
          await new Promise((r) => setImmediate(r));
      })(),
      5000,
      'UNK-A1 listening',
    );
    const accepted = edge.claims.accept('UNK-A1', unitA, 'tech-1');
    expect(accepted).toMatchObject({ decidedBy: 'tech-1' });
    const a = await waitingA;
    expect(a.equipmentId).toBe(unitA);
    expect(await connackCode(edge.port, { username: unitA, password: a.secret })).toBe(0);

    expect(edge.claims.accept('UNK-B2', unitB, 'tech-1').state).toBe('accepted');
    const b = await claim(key, 'UNK-B2', 3000);
    expect(b.equipmentId).toBe(unitB);
    expect(await connackCode(edge.port, { username: unitB, password: b.secret })).toBe(0);

    // Claimed once: the same serial cannot fetch the unit's credentials again while they are live.
    await expect(claim(key, 'UNK-B2', 1000)).rejects.toMatchObject({ returnCode: 5 });
    // A unit is given to one serial only, and only a unit of the config.
    await expect(claim(key, 'UNK-C3', 200)).rejects.toMatchObject({ code: 'CLAIM_TIMEOUT' });
    expect(() => edge.claims.accept('UNK-C3', unitB, 'tech-1')).toThrow(/already holds credentials/);
    expect(() => edge.claims.accept('UNK-C3', 'no-such-unit', 'tech-1')).toThrow(/no equipment/);
    expect(edge.claims.reject('UNK-C3', 'tech-1').state).toBe('rejected');
    await expect(claim(key, 'UNK-C3', 1000)).rejects.toMatchObject({ returnCode: 5 });
  });

  it('refuses an expired, a revoked, another store’s and a made-up key, each counted', async () => {
    const { key: shortKey } = edge.keys.issue(1);
    const { key: revokedKey, view } = edge.keys.issue(72);
    edge.keys.revoke(view.id);
    const otherStore = new ClaimKeyStore({ db: edge.db, clock: edge.clock, storeId: 'other-store-9' });
    const { key: foreignKey } = otherStore.issue(72);

    // Valid for an hour: accepted now, refused once the hour is over.
    expect((await claim(shortKey, serialOf(1))).equipmentId).toBe(edge.config.equipment[0]?.id);
    edge.clock.advance(3_600_000);
    await expect(claim(shortKey, serialOf(2))).rejects.toEqual(new ClaimRefusedError(5));
    await expect(claim(revokedKey, serialOf(2))).rejects.toEqual(new ClaimRefusedError(5));
    await expect(claim(foreignKey, serialOf(2))).rejects.toEqual(new ClaimRefusedError(5));
    const madeUp = `gck_${edge.config.store.id}.${'x'.repeat(32)}`;
    expect(await connackCode(edge.port, { username: `claim:${serialOf(2)}`, password: madeUp })).toBe(4);
    expect(await connackCode(edge.port, { username: `claim:${serialOf(2)}`, password: 'hunter2' })).toBe(4);

    expect(edge.broker.stats().refusedConnections).toEqual({
      claim_key_expired: 1,
      claim_key_revoked: 1,
      claim_key_other_store: 1,
      claim_key_unknown: 1,
      claim_key_malformed: 1,
    });
    // Nothing was recorded for the refused serial.
    expect(edge.claims.list('all').map((c) => c.serial)).toEqual([serialOf(1)]);
  });

  it('throttles an address that keeps presenting wrong keys, until the lockout is over', async () => {
    const { key } = edge.keys.issue(72);
    const wrong = `gck_${edge.config.store.id}.${'y'.repeat(32)}`;
    for (let i = 0; i < 5; i++) {
      expect(await connackCode(edge.port, { username: `claim:${serialOf(1)}`, password: wrong })).toBe(4);
    }
    // Even the right key waits now: "server unavailable", i.e. try again later.
    await expect(claim(key, serialOf(1))).rejects.toEqual(new ClaimRefusedError(3));
    expect(edge.broker.stats().refusedConnections).toMatchObject({
      claim_key_unknown: 5,
      claim_throttled: 1,
    });
    edge.clock.advance(60_000);
    expect((await claim(key, serialOf(1))).equipmentId).toBe(edge.config.equipment[0]?.id);
  });

  it('refuses a serial the config pre-registers on two units rather than guess', async () => {
    const { key } = edge.keys.issue(72);
    const last = edge.config.equipment[19];
    if (!last) throw new Error('the demo config has 20 units');
    edge.config.equipment[19] = { ...last, serialNumber: serialOf(1) };
    await expect(claim(key, serialOf(1))).rejects.toEqual(new ClaimRefusedError(5));
    expect(edge.broker.stats().refusedConnections).toEqual({ claim_refused: 1 });
    expect(edge.credentials.list()).toEqual([]);
  });

  it('a claimant may subscribe only to its own reply topic and publish nothing', async () => {
    const { key } = edge.keys.issue(72);
    const storeId = edge.config.store.id;
    const claimant = await connectClient(edge.port, { username: 'claim:UNK-A1', password: key });
    try {
      expect(await grantedCodes(claimant, [topics.claimReply(storeId, 'UNK-A1')], 1)).toEqual([1]);
      expect(
        await grantedCodes(claimant, [
          topics.claimReply(storeId, 'UNK-B2'),
          `${topics.claimReply(storeId, 'UNK-A1')}/#`,
          `galley/${storeId}/#`,
          `galley/${storeId}/+/telemetry`,
        ]),
      ).toEqual([128, 128, 128, 128]);
      await claimant.publishAsync(topics.telemetry(storeId, 'wic-1'), '{"ts":1,"readings":{"temp_c":3}}', {
        qos: 1,
      });
      expect(edge.broker.stats().messagesDropped).toMatchObject({ topic_not_allowed: 1 });
    } finally {
      await claimant.endAsync();
    }
    // Another device's credentials cannot be forged onto a claim reply topic either.
    const { secret } = await claim(key, serialOf(3));
    const device = await connectClient(edge.port, {
      username: edge.config.equipment[2]?.id,
      password: secret,
    });
    try {
      await device.publishAsync(topics.claimReply(storeId, 'UNK-A1'), '{}', { qos: 1 });
      expect(edge.broker.stats().messagesDropped).toMatchObject({ topic_not_allowed: 2 });
    } finally {
      await device.endAsync();
    }
  });

  it('writes no claim key and no device secret to the log', async () => {
    const { key } = edge.keys.issue(72);
    const secret = key.slice(key.indexOf('.') + 1);
    const granted = await Promise.all([1, 2, 3].map((n) => claim(key, serialOf(n))));
    await expect(claim(key, 'UNK-A1', 200)).rejects.toMatchObject({ code: 'CLAIM_TIMEOUT' });
    const admitted = edge.claims.counts().admitted;
    const late = claim(key, 'UNK-A1', 5000);
    await within(
      (async () => {
        while (edge.claims.counts().admitted === admitted) await new Promise((r) => setImmediate(r));
      })(),
      5000,
    );
    edge.claims.accept('UNK-A1', edge.config.equipment[19]?.id ?? '', 'tech-1');
    granted.push(await late);
    await expect(claim(`${key}x`, 'UNK-B2')).rejects.toBeInstanceOf(ClaimRefusedError);

    const text = edge.log.join('');
    // The log is not empty: the claims are in it, by serial and unit.
    expect(text).toContain('claim credentials delivered');
    expect(text).toContain('UNK-A1');
    expect(text).toContain('connection refused');
    expect(text).not.toContain(secret);
    for (const g of granted) expect(text).not.toContain(g.secret);
    // Nor is any secret in what a technician's screen lists.
    const listed = JSON.stringify(edge.claims.list('all'));
    expect(listed).not.toContain(secret);
    for (const g of granted) expect(listed).not.toContain(g.secret);
  });
});
