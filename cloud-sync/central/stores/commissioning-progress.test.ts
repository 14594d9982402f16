import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoverSignature } from '../../../shared/api/commissioning-handover';
import type { CommissioningProgress } from '../../../shared/api/commissioning-progress';
import type { StoreCommissioning } from '../../../shared/central/commissioning-progress';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const T0 = Date.UTC(2026, 0, 5, 2, 0);

function progress(
  storeId: string,
  done: number,
  waiting: string[],
  checkedAt: number,
): CommissioningProgress {
  return {
    storeId,
    checkedAt,
    complete: false,
    items: [
      {
        id: 'reporting',
        title: { en: 'Reporting', 'zh-CN': '报数' },
        complete: waiting.length === 0,
        done,
        total: 20,
        progress: { en: `${done} of 20 reporting`, 'zh-CN': `20 台中 ${done} 台在报数` },
        waiting,
      },
    ],
  };
}

const signature = (storeId: string): HandoverSignature => ({
  storeId,
  signedBy: 'admin',
  signerName: 'Admin Zhou',
  role: 'admin',
  signedAt: T0 + 3_600_000,
  complete: false,
  overrideReason: 'cooler 3 replaced next week',
  openItems: ['reporting'],
  checklistSha256: 'b'.repeat(64),
});

describe.each(BACKENDS)('commissioning progress at central on %s', (backend) => {
  let central: TestCentral;
  let admin: string;

  beforeAll(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const [id, region, state] of [
      ['sh-new', 'east', 'commissioning'],
      ['bj-new', 'north', 'commissioning'],
      ['sh-001', 'east', 'open'],
    ] as const) {
      const answer = await http(`${central.url}/api/admin/stores`, {
        token: admin,
        body: { id, name: id, regionId: region, state },
      });
      expect(answer.status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await central?.stop();
  });

  const token = async (storeId: string) =>
    (
      await http<{ token: string }>(`${central.url}/api/admin/stores/${storeId}/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;

  it('shows each commissioning store its newest progress, in scope, and its handover once signed', async () => {
    const sh = await token('sh-new');
    // Delivered out of order: the newest reading wins, not the last to arrive.
    const later = event(
      2,
      'commissioning.progress',
      'sh-new',
      progress('sh-new', 19, ['fryer-2'], T0 + 120_000),
      T0 + 120_000,
    );
    const earlier = event(
      1,
      'commissioning.progress',
      'sh-new',
      progress('sh-new', 17, ['fryer-2', 'wic-3', 'ric-1'], T0),
      T0,
    );
    expect((await postBatch(central.url, sh, batchOf('sh-new', [later]))).status).toBe(200);
    expect((await postBatch(central.url, sh, batchOf('sh-new', [earlier]))).status).toBe(200);

    const list = await http<StoreCommissioning[]>(`${central.url}/api/commissioning/progress`, {
      token: admin,
    });
    expect(list.status).toBe(200);
    expect(list.body.map((s) => [s.storeId, s.lifecycle.state, s.progress?.items[0]?.done ?? null])).toEqual([
      ['bj-new', 'commissioning', null],
      ['sh-new', 'commissioning', 19],
    ]);
    expect(list.body[1]?.progress?.items[0]?.waiting).toEqual(['fryer-2']);
    expect(list.body[1]?.handover).toBeNull();

    // A regional manager of the east sees the east's store only; the north's answers 404.
    await http(`${central.url}/api/admin/users`, {
      token: admin,
      body: { username: 'east-mgr', password: 'manager-pass-1', role: 'regional_manager', regionId: 'east' },
    });
    const east = await login(central.url, 'east-mgr', 'manager-pass-1');
    const theirs = await http<StoreCommissioning[]>(`${central.url}/api/commissioning/progress`, {
      token: east,
    });
    expect(theirs.body.map((s) => s.storeId)).toEqual(['sh-new']);
    expect(await http(`${central.url}/api/stores/bj-new/commissioning`, { token: east })).toMatchObject({
      status: 404,
      body: {
        error: 'not_found',
        message: 'no such store in your scope',
        refusal: { code: 'commissioning.store_not_in_scope', params: { store: 'bj-new' } },
      },
    });

    // The box signs: central opens the store, and its commissioning still reads with the handover.
    const signed = event(3, 'commissioning.handover', 'sh-new', signature('sh-new'), T0 + 3_600_000);
    expect((await postBatch(central.url, sh, batchOf('sh-new', [signed]))).status).toBe(200);
    const one = await http<StoreCommissioning>(`${central.url}/api/stores/sh-new/commissioning`, {
      token: east,
    });
    expect(one.status).toBe(200);
    expect(one.body.lifecycle.state).toBe('open');
    expect(one.body.progress?.items[0]?.done).toBe(19);
    expect(one.body.handover).toMatchObject({
      signerName: 'Admin Zhou',
      overrideReason: 'cooler 3 replaced next week',
    });
    const after = await http<StoreCommissioning[]>(`${central.url}/api/commissioning/progress`, {
      token: admin,
    });
    expect(after.body.map((s) => s.storeId)).toEqual(['bj-new']);
  });
});
