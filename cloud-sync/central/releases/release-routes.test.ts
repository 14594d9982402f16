import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BoxReport,
  BoxStatusView,
  ReleasePackage,
  RolloutView,
} from '../../../shared/central/edge-releases';
import type { PendingStoreCommands } from '../../../shared/central/store-commands';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

function releaseOf(
  version: string,
  text = `export const runEdgeCommand = async () => 0; // ${version}\n`,
): ReleasePackage {
  const bundle = Buffer.from(text);
  return {
    manifest: {
      format: 1,
      version,
      sha256: createHash('sha256').update(bundle).digest('hex'),
      bytes: bundle.length,
      nodeMajor: 20,
      lockHash: 'a'.repeat(64),
      builtAt: 1,
      entry: 'edge-command.mjs',
    },
    bundleBase64: bundle.toString('base64'),
  };
}

const healthy = (version: string, lastUpdate: BoxReport['lastUpdate'] = null): BoxReport => ({
  version,
  health: { ok: true, checks: { database: true, broker: true, sync: true } },
  lastUpdate,
  supervised: true,
  at: 1,
});

describe.each(BACKENDS)('edge releases and staged rollouts on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  let east: string;
  let technician: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const [id, regionId] of [
      ['sh-001', 'east'],
      ['sh-002', 'east'],
      ['sh-003', 'east'],
      ['bj-001', 'north'],
    ] as const) {
      await http(`${central.url}/api/admin/stores`, { token: admin, body: { id, regionId } });
      tokens[id] = (
        await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
          token: admin,
          method: 'POST',
        })
      ).body.token;
    }
    for (const body of [
      { username: 'wang', password: 'east-pw-123', role: 'regional_manager', regionId: 'east' },
      { username: 'tech.li', password: 'tech-pw-123', role: 'technician', storeIds: ['sh-001'] },
    ])
      await http(`${central.url}/api/admin/users`, { token: admin, body });
    east = await login(central.url, 'wang', 'east-pw-123');
    technician = await login(central.url, 'tech.li', 'tech-pw-123');
  }, 60_000);
  afterAll(() => central?.stop());

  const updatesFor = async (storeId: string) =>
    (
      await http<PendingStoreCommands>(`${central.url}/api/sync/commands?after=0`, { token: tokens[storeId] })
    ).body.commands.filter((c) => c.action.kind === 'edge.update');
  const report = (storeId: string, body: BoxReport) =>
    http(`${central.url}/api/sync/box`, { token: tokens[storeId], body });

  it('takes a release only when its bundle matches its manifest, and never two under one version', async () => {
    const pkg = releaseOf('2.0.0');
    expect((await http(`${central.url}/api/admin/releases`, { token: admin, body: pkg })).status).toBe(201);
    // The same release again is harmless.
    const again = await http<{ uploadedAt: number }>(`${central.url}/api/admin/releases`, {
      token: admin,
      body: pkg,
    });
    expect(again.status).toBe(201);
    expect(
      (await http<{ version: string }[]>(`${central.url}/api/admin/releases`, { token: admin })).body.map(
        (r) => r.version,
      ),
    ).toEqual(['2.0.0']);
    const other = releaseOf('2.0.0', 'export const other = 1;\n');
    const clash = await http<{ message: string }>(`${central.url}/api/admin/releases`, {
      token: admin,
      body: other,
    });
    expect(clash.status).toBe(409);
    const lying = {
      ...releaseOf('2.0.1'),
      manifest: { ...releaseOf('2.0.1').manifest, sha256: 'b'.repeat(64) },
    };
    const bad = await http<{ message: string }>(`${central.url}/api/admin/releases`, {
      token: admin,
      body: lying,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("the bundle's SHA-256 is");
    expect(
      (await http(`${central.url}/api/admin/releases`, { token: east, body: releaseOf('2.0.2') })).status,
    ).toBe(403);
    // A box downloads it with its store token.
    const download = await http<ReleasePackage>(`${central.url}/api/sync/releases/2.0.0`, {
      token: tokens['sh-001'],
    });
    expect(download.body.manifest.sha256).toBe(pkg.manifest.sha256);
    expect(download.body.bundleBase64).toBe(pkg.bundleBase64);
  });

  it('rolls out stage by stage, waits for healthy boxes and halts on a rollback', async () => {
    for (const id of ['sh-001', 'sh-002', 'bj-001'])
      expect((await report(id, healthy('1.0.0'))).status).toBe(200);
    // A regional manager stays in their region and away from 'all'.
    const north = await http<{ message: string; refusal?: unknown }>(`${central.url}/api/rollouts`, {
      token: east,
      body: { release: '2.0.0', stage: 'store', target: 'bj-001' },
    });
    expect(north.status).toBe(403);
    expect(north.body).toMatchObject({
      error: 'forbidden',
      message: 'the rollout reaches beyond your region east',
      refusal: { code: 'rollout.beyond_region', params: { region: 'east' } },
    });
    expect(
      (await http(`${central.url}/api/rollouts`, { token: east, body: { release: '2.0.0', stage: 'all' } }))
        .status,
    ).toBe(403);

    const created = await http<RolloutView>(`${central.url}/api/rollouts`, {
      token: east,
      body: { release: '2.0.0', stage: 'store', target: 'sh-001' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const [command] = await updatesFor('sh-001');
    expect(command?.action).toMatchObject({ kind: 'edge.update', rolloutId: id, version: '2.0.0' });
    expect(await updatesFor('sh-002')).toEqual([]);
    expect(await updatesFor('bj-001')).toEqual([]);

    const early = await http<{ message: string; refusal?: unknown }>(
      `${central.url}/api/rollouts/${id}/advance`,
      { token: east, body: { stage: 'region', target: 'east' } },
    );
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('sh-001 (runs 1.0.0, not 2.0.0 yet)');
    // Beside the English words, a code and what it names, for the page to word in its language.
    expect(early.body.refusal).toEqual({
      code: 'rollout.stage_not_healthy',
      params: { stage: 'store', stores: ['sh-001'] },
    });

    await report(
      'sh-001',
      healthy('2.0.0', { version: '2.0.0', rolloutId: id, outcome: 'updated', reason: null, at: 2 }),
    );
    const widened = await http<RolloutView>(`${central.url}/api/rollouts/${id}/advance`, {
      token: east,
      body: { stage: 'region', target: 'east' },
    });
    expect(widened.status).toBe(200);
    expect(widened.body.steps.map((s) => s.stage)).toEqual(['store', 'region']);
    expect(widened.body.waitingOn).toEqual([
      { storeId: 'sh-002', why: 'runs 1.0.0, not 2.0.0 yet' },
      { storeId: 'sh-003', why: 'its box has not reported yet' },
    ]);
    expect((await updatesFor('sh-002')).length).toBe(1);
    // A box never heard of may be an edge older than rollouts: it is asked once it reports itself.
    expect(await updatesFor('sh-003')).toEqual([]);
    await report('sh-003', healthy('1.0.0'));
    expect((await updatesFor('sh-003')).map((c) => c.action)).toEqual([
      { kind: 'edge.update', rolloutId: id, version: '2.0.0', sha256: releaseOf('2.0.0').manifest.sha256 },
    ]);
    await report('sh-003', healthy('1.0.0'));
    expect((await updatesFor('sh-003')).length).toBe(1);
    // sh-001 already runs it: not asked again.
    expect((await updatesFor('sh-001')).length).toBe(1);
    expect(await updatesFor('bj-001')).toEqual([]);

    const rolledBack = {
      version: '2.0.0',
      rolloutId: id,
      outcome: 'rolled_back' as const,
      reason: 'healthz 503',
      at: 3,
    };
    await report('sh-002', healthy('1.0.0', rolledBack));
    const halted = (await http<RolloutView>(`${central.url}/api/rollouts/${id}`, { token: admin })).body;
    expect(halted.status).toBe('halted');
    expect(halted.haltedReason).toBe('store sh-002: rolled back from 2.0.0: healthz 503');
    // An older box sends its English reason alone: the structured form names the store and release.
    expect(halted.haltedCause).toEqual({
      store: 'sh-002',
      outcome: 'rolled_back',
      release: '2.0.0',
      cause: null,
    });
    const after = await http<{ message: string }>(`${central.url}/api/rollouts/${id}/advance`, {
      token: admin,
      body: { stage: 'all', overrideReason: 'push on regardless' },
    });
    expect(after.status).toBe(409);
    expect(after.body.message).toContain('halted');

    const seen = (await http<BoxStatusView[]>(`${central.url}/api/boxes`, { token: technician })).body;
    expect(seen.map((b) => [b.storeId, b.version])).toEqual([['sh-001', '2.0.0']]);
    const all = (await http<BoxStatusView[]>(`${central.url}/api/boxes`, { token: admin })).body;
    expect(all.find((b) => b.storeId === 'sh-002')?.lastUpdate).toEqual(rolledBack);
  });

  it("shows a regional manager only the rollouts that reach their region, with their region's boxes", async () => {
    const north = await http<RolloutView>(`${central.url}/api/rollouts`, {
      token: admin,
      body: { release: '2.0.0', stage: 'store', target: 'bj-001' },
    });
    expect(north.status).toBe(201);
    const everywhere = await http<RolloutView>(`${central.url}/api/rollouts`, {
      token: admin,
      body: { release: '2.0.0', stage: 'all' },
    });
    expect(everywhere.status).toBe(201);
    expect(everywhere.body.boxes.map((b) => b.storeId)).toContain('bj-001');

    const listed = (await http<RolloutView[]>(`${central.url}/api/rollouts`, { token: east })).body;
    expect(listed.map((r) => r.id)).not.toContain(north.body.id);
    const all = listed.find((r) => r.id === everywhere.body.id);
    expect(all?.boxes.map((b) => b.regionId)).toEqual(['east', 'east', 'east']);
    expect(all?.waitingOn.every((w) => w.storeId.startsWith('sh-'))).toBe(true);
    expect(listed.length).toBe(2);
    expect((await http(`${central.url}/api/rollouts/${north.body.id}`, { token: east })).status).toBe(404);
    const whole = await http<RolloutView>(`${central.url}/api/rollouts/${north.body.id}`, { token: admin });
    expect(whole.body.boxes.map((b) => b.storeId)).toEqual(['bj-001']);
    expect((await http<RolloutView[]>(`${central.url}/api/rollouts`, { token: admin })).body.length).toBe(3);
  });

  it("keeps a box's structured rollback cause beside the English reason, and tolerates a cause it does not know", async () => {
    const start = (target: string) =>
      http<RolloutView>(`${central.url}/api/rollouts`, {
        token: admin,
        body: { release: '2.0.0', stage: 'store', target },
      });
    const crashed = await start('bj-001');
    expect(crashed.status).toBe(201);
    const cause = {
      code: 'exited_before_kept',
      backTo: '1.0.0',
      seconds: null,
      detail: 'exit code 1',
    } as const;
    const sent = await report(
      'bj-001',
      healthy('1.0.0', {
        version: '2.0.0',
        rolloutId: crashed.body.id,
        outcome: 'rolled_back',
        reason: 'it exited before it was kept: exit code 1',
        cause,
        at: 4,
      }),
    );
    expect(sent.status).toBeLessThan(300);
    const view = (await http<RolloutView>(`${central.url}/api/rollouts/${crashed.body.id}`, { token: admin }))
      .body;
    expect(view.haltedReason).toBe(
      'store bj-001: rolled back from 2.0.0: it exited before it was kept: exit code 1',
    );
    expect(view.haltedCause).toEqual({ store: 'bj-001', outcome: 'rolled_back', release: '2.0.0', cause });
    const listed = (await http<RolloutView[]>(`${central.url}/api/rollouts`, { token: admin })).body;
    expect(listed.find((r) => r.id === crashed.body.id)?.haltedCause?.cause?.code).toBe('exited_before_kept');

    // A newer box's code this central does not know: the report is still taken, the text tells it.
    const newer = await start('sh-003');
    const odd = await report('sh-003', {
      ...healthy('1.0.0'),
      lastUpdate: {
        version: '2.0.0',
        rolloutId: newer.body.id,
        outcome: 'rolled_back',
        reason: 'disk full',
        // @ts-expect-error: a code from a later release
        cause: { code: 'disk_full', backTo: '1.0.0', seconds: null, detail: null },
        at: 5,
      },
    });
    expect(odd.status).toBeLessThan(300);
    const oddView = (
      await http<RolloutView>(`${central.url}/api/rollouts/${newer.body.id}`, { token: admin })
    ).body;
    expect(oddView.status).toBe('halted');
    expect(oddView.haltedReason).toBe('store sh-003: rolled back from 2.0.0: disk full');
    expect(oddView.haltedCause).toEqual({
      store: 'sh-003',
      outcome: 'rolled_back',
      release: '2.0.0',
      cause: null,
    });
  });
});
