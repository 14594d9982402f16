import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAEMON_ENVIRONMENT } from '../../bin/commands/daemon-environment';
import { packRelease } from '../../bin/commands/release-command';
import { http, login } from '../../cloud-sync/central/testing/central-test-kit';
import type { BoxStatusView, ReleasePackage, RolloutView } from '../../shared/central/edge-releases';
import type { StoreCommandView } from '../../shared/central/store-commands';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from '../testing/central-sync-kit';
import { demoConfig } from '../testing/faults-kit';

const GALLEY = join(import.meta.dirname, '..', '..', 'bin', 'galley.js');
const STORE = 'demo-sh-001';
const UNTOUCHED = 'demo-sh-002';
const INSTALLED = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * A box (`galley box`: the supervisor and its edge, real processes) and a real central on
 * SQLite with a second store that has no box. A release built from this checkout rolls out
 * to the one store and is kept; a release whose bundle throws while loading is rolled back
 * by the box itself, and central halts that rollout. The other store is never asked.
 */
describe('staged edge updates with automatic rollback (drill)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-update-'));
  let central: RealCentral;
  let admin: string;
  let box: ChildProcess;
  let boxLog = '';
  let good: ReleasePackage;

  const boxes = async () => {
    const answer = await http<BoxStatusView[]>(`${central.url}/api/boxes`, { token: admin });
    lastBoxes = JSON.stringify(answer.body);
    return answer.body;
  };
  const boxOf = async (storeId: string) => (await boxes()).find((b) => b.storeId === storeId);
  const rollout = async (id: number) =>
    (await http<RolloutView>(`${central.url}/api/rollouts/${id}`, { token: admin })).body;
  let lastBoxes = '';
  const explain = () => {
    if (process.env.GALLEY_TEST_BOX_LOG) writeFileSync(process.env.GALLEY_TEST_BOX_LOG, boxLog);
    return `\n--- central's boxes ---\n${lastBoxes}\n--- box log (tail) ---\n${boxLog.slice(-4000)}`;
  };

  beforeAll(async () => {
    central = await RealCentral.start([STORE, UNTOUCHED]);
    admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
    const configFile = join(dir, 'store.json');
    writeFileSync(
      configFile,
      JSON.stringify(demoConfig((c) => ({ ...c, sync: { ...c.sync, commandPollS: 1 } }))),
    );
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, central.tokenOf(STORE));
    good = await packRelease({ version: '9.9.0-good', out: join(dir, 'good.json') });
    box = spawn(
      process.execPath,
      [
        GALLEY,
        'box',
        '--ready-timeout',
        '40',
        '--settle',
        '1',
        '--config',
        configFile,
        '--data',
        join(dir, 'data'),
        '--mqtt-port',
        '0',
        '--http-port',
        '0',
        '--host',
        '127.0.0.1',
        '--central-url',
        central.url,
        '--central-token-file',
        tokenFile,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...DAEMON_ENVIRONMENT, GALLEY_LOG_LEVEL: 'info' },
      },
    );
    const hear = (chunk: Buffer) => {
      boxLog = (boxLog + chunk.toString('utf8')).slice(-200_000);
    };
    box.stdout?.on('data', hear);
    box.stderr?.on('data', hear);
  }, 30_000);

  afterAll(async () => {
    if (box && box.exitCode === null) {
      const exited = new Promise((resolve) => box.once('exit', resolve));
      box.kill('SIGTERM');
      await exited;
    }
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('updates only the staged store, then rolls a broken release back and halts its rollout', async () => {
    // The box reports the installed version, healthy, before any rollout.
    await until(async () => (await boxOf(STORE))?.healthy === true, 'the box reports healthy', 60_000).catch(
      (err) => {
        throw new Error(`${(err as Error).message}${explain()}`);
      },
    );
    expect((await boxOf(STORE))?.version).toBe(INSTALLED);
    expect((await boxOf(STORE))?.supervised).toBe(true);

    const updateStartedAt = Date.now();
    const uploaded = await http(`${central.url}/api/admin/releases`, { token: admin, body: good });
    expect(uploaded.status).toBe(201);
    const started = await http<RolloutView>(`${central.url}/api/rollouts`, {
      token: admin,
      body: { release: '9.9.0-good', stage: 'store', target: STORE },
    });
    expect(started.status).toBe(201);
    const first = started.body.id;
    // Not healthy on the release yet: the next stage waits.
    const early = await http<{ message: string }>(`${central.url}/api/rollouts/${first}/advance`, {
      token: admin,
      body: { stage: 'region', target: 'east-china' },
    });
    expect(early.status).toBe(409);

    await until(
      async () => {
        const b = await boxOf(STORE);
        return b?.version === '9.9.0-good' && b.healthy === true && b.lastUpdate?.outcome === 'updated';
      },
      'the box runs the new release, healthy',
      90_000,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}${explain()}`);
    });
    const updatedInMs = Date.now() - updateStartedAt;
    const kept = await rollout(first);
    expect(kept.status).toBe('active');
    expect(kept.waitingOn).toEqual([]);
    expect(kept.boxes.map((b) => b.storeId)).toEqual([STORE]);

    // A real bundle file that throws while it loads: the box must come back by itself.
    const broken = Buffer.from("throw new Error('broken release: cannot load');\n");
    const brokenPkg: ReleasePackage = {
      manifest: {
        ...good.manifest,
        version: '9.9.1-broken',
        sha256: createHash('sha256').update(broken).digest('hex'),
        bytes: broken.length,
      },
      bundleBase64: broken.toString('base64'),
    };
    expect((await http(`${central.url}/api/admin/releases`, { token: admin, body: brokenPkg })).status).toBe(
      201,
    );
    const brokenStartedAt = Date.now();
    const second = (
      await http<RolloutView>(`${central.url}/api/rollouts`, {
        token: admin,
        body: { release: '9.9.1-broken', stage: 'store', target: STORE },
      })
    ).body.id;

    await until(
      async () => (await rollout(second)).status === 'halted',
      'central halts the rollout',
      90_000,
    ).catch((err) => {
      throw new Error(`${(err as Error).message}${explain()}`);
    });
    const haltedInMs = Date.now() - brokenStartedAt;
    const halted = await rollout(second);
    expect(halted.haltedReason).toContain(`store ${STORE}: rolled back from 9.9.1-broken`);
    expect(halted.haltedReason).toContain('broken release: cannot load');
    await until(
      async () => (await boxOf(STORE))?.version === '9.9.0-good',
      'the box runs the previous release',
      30_000,
    );
    const back = await boxOf(STORE);
    expect(back?.lastUpdate).toMatchObject({
      version: '9.9.1-broken',
      rolloutId: second,
      outcome: 'rolled_back',
    });
    await until(
      async () => (await boxOf(STORE))?.healthy === true,
      'the previous release is healthy again',
      60_000,
    );
    const refused = await http(`${central.url}/api/rollouts/${second}/advance`, {
      token: admin,
      body: { stage: 'region', target: 'east-china', overrideReason: 'push on regardless' },
    });
    expect(refused.status).toBe(409);

    // The other store was never asked to update and never ran anything new.
    const other = await http<StoreCommandView[]>(`${central.url}/api/stores/${UNTOUCHED}/commands`, {
      token: admin,
    });
    expect(other.status).toBe(200);
    expect(other.body.filter((c) => c.action.kind === 'edge.update')).toEqual([]);
    expect((await boxOf(UNTOUCHED))?.version).toBeNull();
    console.log(
      `edge-update-rollout update_to_healthy_s=${(updatedInMs / 1000).toFixed(1)} ` +
        `broken_to_halted_s=${(haltedInMs / 1000).toFixed(1)} bundle_bytes=${good.manifest.bytes}`,
    );
  }, 400_000);
});
