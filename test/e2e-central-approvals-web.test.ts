import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login } from '../cloud-sync/central/testing/central-test-kit';
import type { ApprovalStepEvent, CentralApprovalView } from '../shared/purchasing/approval-events';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

/**
 * The regional page's approvals (待我审批) in Chromium, over the real central service: a
 * regional manager of the east sees the steps at their level (overdue first, the north's
 * not at all), approves one, and is shown central's reason when it refuses their own
 * request. zh-CN and en, screenshot at 1280×800 and 800×1280.
 */
const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
];
const H = 3_600_000;

/** A regional manager's step of a store's request, its turn since `since`. */
function step(over: Partial<ApprovalStepEvent> & Pick<ApprovalStepEvent, 'requestId'>): ApprovalStepEvent {
  return {
    requestKind: 'ingredient',
    step: 2,
    steps: 2,
    level: 'regional_manager',
    status: 'pending',
    current: true,
    item: 'beef',
    qty: '9500',
    amount: '1800.00',
    currency: 'CNY',
    why: {
      en: 'the requester is the store manager: the step goes to the regional manager',
      'zh-CN': '申请人为店长，由区域经理审批',
    },
    requestedBy: 'manager-1',
    requestedAt: Date.now() - 60 * H,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    delegatedFrom: null,
    overdueAfterHours: 48,
    ...over,
  };
}

const synced = (seq: number, s: ApprovalStepEvent, ts: number): SyncEvent => ({
  seq,
  ts,
  type: 'purchasing.approval',
  entityId: `${s.requestKind}:${s.requestId}:${s.step}`,
  payload: s as unknown as Record<string, unknown>,
});

describe('the regional approvals panel in Chromium', () => {
  let webDir = '';
  let central: WebCentral;
  let browser: Browser | undefined;

  beforeAll(async () => {
    webDir = await buildCentralWeb();
    mkdirSync(SHOTS, { recursive: true });
    central = new WebCentral(webDir);
    await central.start();
    const { directory, users } = central.service.central;
    await directory.addRegion('east', '华东区');
    await directory.addRegion('north', '华北区');
    const square = await central.addStore('sh-001', '上海人民广场店', 'east');
    const guomao = await central.addStore('bj-001', '北京国贸店', 'north');
    await users.add({
      username: 'wang.li',
      password: 'east-region-pw',
      role: 'regional_manager',
      regionId: 'east',
    });
    const now = Date.now();
    await central.postBatch(square, {
      storeId: 'sh-001',
      sentAt: now,
      events: [
        // Waiting 5 h, asked for by wang.li himself (as a store user of the same name): central refuses.
        synced(
          1,
          step({
            requestId: 12,
            requestKind: 'part',
            item: 'GSK-WIC-01',
            qty: '6',
            amount: '12500.00',
            steps: 3,
            requestedBy: 'wang.li',
            why: { en: 'above ¥2 000', 'zh-CN': '超过 ¥2 000' },
          }),
          now - 5 * H,
        ),
        // Waiting 60 h: overdue past 48 h, so listed first.
        synced(2, step({ requestId: 11 }), now - 60 * H),
      ],
    });
    await central.postBatch(guomao, {
      storeId: 'bj-001',
      sentAt: now,
      events: [synced(1, step({ requestId: 3 }), now - 2 * H)],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await central?.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('a regional manager approves the overdue step; their own request is refused with the reason', async () => {
    browser = await openPage(central.base, SIZES[0] ?? { width: 1280, height: 800 });
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '采购' }).click();
    const panel = page.getByTestId('purchasing-approvals');
    await panel.locator('tbody tr').first().waitFor();
    const rows = panel.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // Overdue first; the north's step is not the east manager's.
    const overdue = rows.first();
    expect(await overdue.getAttribute('data-testid')).toMatch(/^approval-sh-001-\d+$/);
    const first = (await overdue.textContent()) ?? '';
    expect(first).toContain('原料 #11');
    expect(first).toContain('¥1,800.00');
    expect(first).toContain('区域经理');
    expect(first).toContain('已逾期');
    const own = rows.nth(1);
    expect(await own.textContent()).toContain('备件 #12');
    expect(await own.textContent()).toContain('¥12,500.00');

    // Central refuses wang.li approving what wang.li asked for, and says why.
    await own.getByRole('button', { name: '批准' }).click();
    await own.getByRole('alert').waitFor();
    expect(await own.getByRole('alert').textContent()).toContain('总部拒绝：门店 sh-001 的采购申请 #12');
    expect(await own.getByRole('alert').textContent()).toContain('采购申请人不能审批自己的申请');

    await overdue.getByRole('button', { name: '批准' }).click();
    await overdue.getByText('已批准：已下发门店').waitFor();

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SHOTS, `purchasing-approvals-zh-CN-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    }
    await page.getByRole('button', { name: '切换语言' }).click();
    await panel.getByText('Approvals waiting for you').waitFor();
    expect(await own.getByRole('alert').textContent()).toContain(
      'whoever requested a purchase may not approve it: someone else must',
    );
    expect(await overdue.textContent()).toContain('Approved: sent to the store');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SHOTS, `purchasing-approvals-en-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    }

    // The decision is central's record and a command queued for the store.
    const token = await login(central.base, 'wang.li', 'east-region-pw');
    const { body: decided } = await http<CentralApprovalView[]>(
      `${central.base}/api/purchasing/approvals?status=decided`,
      {
        token,
      },
    );
    expect(decided.map((d) => [d.storeId, d.requestId])).toEqual([['sh-001', 11]]);
    expect(decided[0]?.commandId).not.toBeNull();
    const { body: pending } = await http<CentralApprovalView[]>(`${central.base}/api/purchasing/approvals`, {
      token,
    });
    expect(pending.map((d) => d.requestId)).toEqual([12]);
  }, 90_000);
});
