import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../edge/api/testing/api-fixture';
import { ClaimKeyStore } from '../edge/domains/commissioning/claim/claim-key-store';
import { registerDeviceClaimMetrics } from '../edge/domains/commissioning/claim/device-claim-metrics';
import { deviceClaimRoutes } from '../edge/domains/commissioning/claim/device-claim-routes';
import { DeviceClaimService } from '../edge/domains/commissioning/claim/device-claim-service';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { type Database, openDatabase } from '../edge/store/database';
import type { DeviceClaimView } from '../shared/api/device-claim';
import { silentLogger } from '../shared/server/runtime/logger';

/** The technician's side of the device claim, over HTTP with real sessions and permissions. */
describe('device claim routes', () => {
  let f: ApiFixture;
  let dir: string;
  let db: Database;
  let claims: DeviceClaimService;
  let credentials: DeviceCredentials;
  let key: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-claim-routes-'));
    db = openDatabase(dir);
    f = await createApiFixture((kit) => {
      credentials = new DeviceCredentials({ db, clock: kit.clock });
      const keys = new ClaimKeyStore({ db, clock: kit.clock, storeId: 'demo-sh-001' });
      key = keys.issue(24).key;
      claims = new DeviceClaimService({
        db,
        keys,
        credentials,
        equipment: () => f.config.equipment,
        storeId: 'demo-sh-001',
        clock: kit.clock,
        logger: silentLogger(),
      });
      registerDeviceClaimMetrics(kit.metrics, claims);
      return { routes: deviceClaimRoutes({ claims }) };
    });
    for (const serial of ['UNK-A1', 'UNK-B2']) {
      expect(
        claims.admit({ username: `claim:${serial}:TS-100`, claimKey: key, remoteAddress: '10.0.0.7' }),
      ).toEqual({
        ok: true,
        serial,
      });
    }
  });
  afterEach(async () => {
    await f.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (role: Parameters<ApiFixture['tokenFor']>[0]) =>
    f.server.inject({
      method: 'GET',
      url: '/api/commissioning/claims',
      headers: bearer(await f.tokenFor(role)),
    });
  const post = async (role: Parameters<ApiFixture['tokenFor']>[0], url: string, payload?: object) =>
    f.server.inject({
      method: 'POST',
      url,
      headers: bearer(await f.tokenFor(role)),
      ...(payload ? { payload } : {}),
    });

  it('lists pending claims for technicians and managers, without keys, to kitchen staff not at all', async () => {
    const listed = await get('technician');
    expect(listed.statusCode).toBe(200);
    const body = listed.json() as DeviceClaimView[];
    expect(body.map((c) => [c.serial, c.model, c.state, c.remoteAddress])).toEqual([
      ['UNK-A1', 'TS-100', 'pending', '10.0.0.7'],
      ['UNK-B2', 'TS-100', 'pending', '10.0.0.7'],
    ]);
    expect(listed.body).not.toContain(key.slice(key.indexOf('.') + 1));
    expect((await get('manager')).statusCode).toBe(200);
    expect((await get('staff')).statusCode).toBe(403);
  });

  it('accepts in one tap, rejects, and refuses what cannot be done with a clear status', async () => {
    const unit = f.config.equipment[19]?.id ?? '';
    const accepted = await post('technician', '/api/commissioning/claims/UNK-A1/accept', {
      equipmentId: unit,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      serial: 'UNK-A1',
      state: 'accepted',
      equipmentId: unit,
      decidedBy: 'technician-1',
    });

    // The unit is taken by UNK-A1 now; a unit with live credentials cannot be claimed either.
    const taken = await post('technician', '/api/commissioning/claims/UNK-B2/accept', { equipmentId: unit });
    expect(taken.statusCode).toBe(409);
    credentials.add('wic-1');
    const provisioned = await post('technician', '/api/commissioning/claims/UNK-B2/accept', {
      equipmentId: 'wic-1',
    });
    expect(provisioned.statusCode).toBe(409);
    expect(provisioned.body).toMatch(/already holds credentials/);
    const unknownUnit = await post('technician', '/api/commissioning/claims/UNK-B2/accept', {
      equipmentId: 'nope-9',
    });
    expect(unknownUnit.statusCode).toBe(422);
    expect((await post('technician', '/api/commissioning/claims/NO-SUCH/reject')).statusCode).toBe(404);
    expect((await post('staff', '/api/commissioning/claims/UNK-B2/reject')).statusCode).toBe(403);
    const bad = await post('technician', '/api/commissioning/claims/UNK-B2/accept', {
      equipmentId: 'x',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);

    const rejected = await post('manager', '/api/commissioning/claims/UNK-B2/reject');
    expect(rejected.json()).toMatchObject({ state: 'rejected', decidedBy: 'manager-1' });
    // A rejected serial is refused at CONNECT from then on.
    expect(
      claims.admit({ username: 'claim:UNK-B2', claimKey: key, remoteAddress: '10.0.0.7' }),
    ).toMatchObject({
      ok: false,
      reason: 'claim_refused',
    });
    expect(((await get('technician')).json() as DeviceClaimView[]).length).toBe(0);

    const metrics = (await f.server.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('galley_device_claims_total{outcome="admitted"} 2');
    expect(metrics).toContain('galley_device_claims_total{outcome="refused"} 1');
    expect(metrics).toContain('galley_device_claims_pending 0');
  });
});
