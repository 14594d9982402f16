import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  http,
  login,
  startTestCentral,
  type TestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import { EdgeUpdater } from '../edge/runtime/updates/edge-updater';
import { dependencyTreeHash } from '../edge/runtime/updates/lock-hash';
import type { ChildMessage } from '../edge/runtime/updates/supervisor-link';
import { readUpdateState } from '../edge/runtime/updates/update-state';
import type { EdgeUpdateCommand, ReleasePackage, RolloutView } from '../shared/central/edge-releases';
import type { PendingStoreCommands } from '../shared/central/store-commands';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { silentLogger } from '../shared/server/runtime/logger';

const ROOT = join(import.meta.dirname, '..');
const STORE = 'sh-001';

/**
 * The box's side of a rollout against the real central (SQLite): the updater takes the
 * `edge.update` command, downloads with the store token, checks, stages and hands over to
 * its supervisor, or refuses with a reason that halts the rollout. (The supervisor's
 * switch and rollback with real processes: test/drills/edge-update-rollout.test.ts.)
 */
describe('the box takes an edge.update command from central', () => {
  let central: TestCentral;
  let admin: string;
  let token: string;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'galley-box-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    central = await startTestCentral('sqlite');
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await http(`${central.url}/api/admin/stores`, { token: admin, body: { id: STORE, regionId: 'east' } });
    token = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/${STORE}/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
    const bundle = Buffer.from('export async function runEdgeCommand() { return 0; }\n');
    const pkg: ReleasePackage = {
      manifest: {
        format: 1,
        version: '7.0.0',
        sha256: createHash('sha256').update(bundle).digest('hex'),
        bytes: bundle.length,
        nodeMajor: Number(process.versions.node.split('.')[0]),
        lockHash: dependencyTreeHash(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')),
        builtAt: 1,
        entry: 'edge-command.mjs',
      },
      bundleBase64: bundle.toString('base64'),
    };
    expect((await http(`${central.url}/api/admin/releases`, { token: admin, body: pkg })).status).toBe(201);
    // Central asks only boxes that have reported themselves (an older edge would not understand).
    const hello = { ok: true, checks: { database: true, broker: true, sync: true } };
    const reported = await http(`${central.url}/api/sync/box`, {
      token,
      body: { version: '6.0.0', health: hello, lastUpdate: null, supervised: true, at: 1 },
    });
    expect(reported.status).toBe(200);
  }, 30_000);
  afterAll(async () => {
    await central?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A new rollout to the store and the command it queued, as the box's poll gets it. */
  async function rolloutCommand(): Promise<{ id: number; command: EdgeUpdateCommand }> {
    const created = await http<RolloutView>(`${central.url}/api/rollouts`, {
      token: admin,
      body: { release: '7.0.0', stage: 'store', target: STORE },
    });
    const polled = await http<PendingStoreCommands>(`${central.url}/api/sync/commands?after=0`, { token });
    const action = polled.body.commands
      .map((c) => c.action)
      .find((a) => a.kind === 'edge.update' && a.rolloutId === created.body.id);
    if (action?.kind !== 'edge.update') throw new Error('no edge.update queued');
    return { id: created.body.id, command: action };
  }

  function updater(dataDir: string, supervised: boolean, installRoot: string, sent: ChildMessage[]) {
    return new EdgeUpdater({
      dataDir,
      clock: new FakeClock(),
      logger: silentLogger(),
      central: { url: central.url, token },
      version: '6.0.0',
      health: () => ({ ok: true, checks: { database: true, broker: true, sync: true } }),
      link: { supervised, send: (m) => sent.push(m) },
      reportEveryMs: 60_000,
      timeoutMs: 5_000,
      env: { GALLEY_INSTALL_ROOT: installRoot },
    });
  }

  const haltedReason = async (id: number) => {
    for (let i = 0; i < 200; i++) {
      const view = (await http<RolloutView>(`${central.url}/api/rollouts/${id}`, { token: admin })).body;
      if (view.status === 'halted') return view.haltedReason;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return null;
  };

  it('stages a checked release under DATA/releases and asks the supervisor to switch', async () => {
    const { id, command } = await rolloutCommand();
    const dataDir = dir();
    const sent: ChildMessage[] = [];
    const box = updater(dataDir, true, ROOT, sent);
    box.accept(command);
    // The supervisor also hears of each report that reached central (sync-ok); the switch is what counts here.
    const switches = () => sent.filter((m) => m.kind === 'switch');
    for (let i = 0; i < 200 && switches().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    const staged = join(dataDir, 'releases', '7.0.0');
    expect(switches()).toEqual([
      {
        kind: 'switch',
        release: { version: '7.0.0', bundle: join(staged, 'edge-command.mjs') },
        rolloutId: id,
      },
    ]);
    expect(readFileSync(join(staged, 'edge-command.mjs'), 'utf8')).toContain('runEdgeCommand');
    expect(realpathSync(join(staged, 'node_modules'))).toBe(realpathSync(join(ROOT, 'node_modules')));
    expect(readUpdateState(dataDir).lastUpdate).toMatchObject({
      version: '7.0.0',
      rolloutId: id,
      outcome: 'staged',
    });
    expect(await box.report()).toBe(true);
    const boxes = (
      await http<{ storeId: string; version: string; lastUpdate: { outcome: string } }[]>(
        `${central.url}/api/boxes`,
        { token: admin },
      )
    ).body;
    expect(boxes.find((b) => b.storeId === STORE)).toMatchObject({
      version: '6.0.0',
      lastUpdate: { outcome: 'staged' },
    });
    await http(`${central.url}/api/rollouts/${id}/halt`, { token: admin, body: { reason: 'next case' } });
  });

  it('refuses a release when it cannot tell its installed dependencies, and central halts the rollout', async () => {
    const { id, command } = await rolloutCommand();
    const dataDir = dir();
    const sent: ChildMessage[] = [];
    updater(dataDir, true, dir(), sent).accept(command);
    expect(await haltedReason(id)).toBe(
      `store ${STORE}: refused from 7.0.0: this box cannot tell which dependencies it has installed (no package-lock.json)`,
    );
    expect(sent.filter((m) => m.kind === 'switch')).toEqual([]);
    expect(existsSync(join(dataDir, 'releases', '7.0.0'))).toBe(false);
  });

  it('refuses to update a box that runs without its supervisor', async () => {
    const { id, command } = await rolloutCommand();
    updater(dir(), false, ROOT, []).accept(command);
    expect(await haltedReason(id)).toContain('runs without its supervisor (galley box)');
  });
});
