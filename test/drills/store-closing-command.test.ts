import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { http, login } from '../../cloud-sync/central/testing/central-test-kit';
import { EdgeApp } from '../../edge/app/edge-app';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import type { StoreArchiveView } from '../../shared/central/store-archive-api';
import type { StoreStateHistory } from '../../shared/central/store-lifecycle';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { connackCode } from '../../shared/server/testing/mqtt-clients';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from '../testing/central-sync-kit';

const CONFIG_FILE = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');
const POS_AUTH = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The path regional operations use: the store moved to closing and `POST …/closing/run` at
 * central; the edge daemon takes the `store.close` command and runs the same steps itself,
 * retrying while its outbox drains, until central has verified the archive and closed it.
 */
describe('closing a store from central (store.close command)', () => {
  const base = loadStoreConfig(CONFIG_FILE);
  const storeId = 'sh-closing-2';
  const config = {
    ...base,
    store: { ...base.store, id: storeId },
    sync: { ...base.sync, pushIntervalS: 0.2, commandPollS: 1 },
  };
  const dir = mkdtempSync(join(tmpdir(), 'galley-closing-central-'));
  let central: RealCentral;
  let app: EdgeApp;

  afterAll(async () => {
    await app?.stop();
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes the store with nothing at the box: archive verified, credentials refused', async () => {
    central = await RealCentral.start([]);
    await central.service.central.directory.addStore({ id: storeId, regionId: 'east-china', state: 'open' });
    const token = (await central.service.central.tokens.issue(storeId)).token;
    app = new EdgeApp({
      config,
      dataDir: join(dir, 'edge'),
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      central: { url: central.url, token },
    });
    const { mqttPort, httpPort } = await app.start();
    const equipmentId = config.equipment[0]?.id ?? '';
    const secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add(equipmentId);
    expect(await connackCode(mqttPort, { username: equipmentId, password: secret })).toBe(0);
    const admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);

    const early = await http(`${central.url}/api/stores/${storeId}/closing/run`, {
      token: admin,
      method: 'POST',
    });
    expect(early.status).toBe(409);
    await http(`${central.url}/api/admin/stores/${storeId}/state`, {
      token: admin,
      body: { to: 'closing', reason: 'relocation; drill' },
    });
    const started = Date.now();
    const issued = await http<{ action: { kind: string } }>(
      `${central.url}/api/stores/${storeId}/closing/run`,
      {
        token: admin,
        method: 'POST',
      },
    );
    expect(issued.status).toBe(202);
    expect(issued.body.action).toEqual({ kind: 'store.close' });

    await until(
      async () =>
        (
          await http<StoreStateHistory>(`${central.url}/api/stores/${storeId}/state-history`, {
            token: admin,
          })
        ).body.current.state === 'closed',
      'the store closed by its box',
      90_000,
    );
    const archive = await http<StoreArchiveView>(`${central.url}/api/stores/${storeId}/archive`, {
      token: admin,
    });
    expect(archive.status).toBe(200);
    const events = await central.events(storeId);
    expect(Math.max(...events.map((e) => e.seq))).toBe(archive.body.finalSeq);
    for (const file of archive.body.manifest.files) {
      const response = await fetch(`${central.url}/api/stores/${storeId}/archive/files/${file.name}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(sha256(Buffer.from(await response.arrayBuffer())), file.name).toBe(file.sha256);
    }
    expect(await connackCode(mqttPort, { username: equipmentId, password: secret })).toBe(5);
    const pos = await fetch(`http://127.0.0.1:${httpPort}/api/pos/orders`, {
      method: 'POST',
      headers: { authorization: POS_AUTH, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(pos.status).toBe(401);
    process.stdout.write(
      `closing command final_seq=${archive.body.finalSeq} files=${archive.body.manifest.files.length} ` +
        `archive_bytes=${archive.body.size} wall_ms=${Date.now() - started}\n`,
    );
  }, 120_000);
});
