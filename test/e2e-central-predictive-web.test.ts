import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_OUTLOOK_EVENT, type AssetOutlook } from '../shared/predictive/asset-outlook';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const LAPTOP = { width: 1440, height: 900 };

const OVERLAY = {
  equipmentTypes: {
    walk_in_cooler: { label: { en: 'Walk-in cooler', 'zh-CN': '步入式冷藏库' }, metrics: {} },
    fryer: { label: { en: 'Fryer', 'zh-CN': '炸炉' }, metrics: {} },
  },
  equipment: [
    {
      id: 'wic-1',
      type: 'walk_in_cooler',
      station: 'cold',
      name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
    },
    { id: 'fryer-1', type: 'fryer', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } },
  ],
};

function outlook(at: number, overrides: Partial<AssetOutlook>): AssetOutlook {
  return {
    equipmentId: 'wic-1',
    kind: 'refrigerated',
    state: 'normal',
    cause: null,
    forecastHours: null,
    forecastLowHours: null,
    forecastHighHours: null,
    riskScore: 3,
    moneyAtStake: '0',
    prescriptive: null,
    missing: [],
    at,
    ...overrides,
  };
}

const sent = (seq: number, o: AssetOutlook): SyncEvent => ({
  seq,
  ts: o.at,
  type: ASSET_OUTLOOK_EVENT,
  entityId: o.equipmentId,
  payload: o,
});

let webDir = '';
let central: WebCentral;
let browser: Browser | undefined;

beforeAll(async () => {
  webDir = await buildCentralWeb();
  mkdirSync(SHOTS, { recursive: true });
  central = new WebCentral(webDir);
  await central.start();
  const { directory, users, configs } = central.service.central;
  await directory.addRegion('east', '华东区');
  await directory.addRegion('north', '华北区');
  const square = await central.addStore('sh-001', '上海人民广场店', 'east');
  const jingan = await central.addStore('sh-002', '上海静安店', 'east');
  const guomao = await central.addStore('bj-001', '北京国贸店', 'north');
  await users.add({
    username: 'wang.li',
    password: 'east-region-pw',
    role: 'regional_manager',
    regionId: 'east',
  });
  await configs.push('sh-001', OVERLAY, 'admin');
  const now = Date.now();
  await central.postBatch(square, {
    storeId: 'sh-001',
    sentAt: now,
    events: [
      sent(
        1,
        outlook(now, {
          state: 'finding',
          cause: 'condenser_fouling',
          forecastHours: 31,
          forecastLowHours: 22,
          forecastHighHours: 40,
          riskScore: 83,
          moneyAtStake: '33973.10',
          prescriptive: {
            equipmentId: 'wic-1',
            recommendation: 'replace',
            rule: 'late_life_costly_repair',
            ruleText: { en: 'Replace: costly repair late in life', 'zh-CN': '更换：寿命后期维修昂贵' },
            figures: {
              quotePercentOfReplacement: '58',
              lifeUsedPercent: '75',
              repairsLast12Months: '8400.00',
              energyPenaltyPerYear: '1073.10',
              downtimeCostLast12Months: '0.00',
              costOfKeepingThisYear: '33973.10',
              replacementPrice: '42000.00',
            },
          },
        }),
      ),
      sent(2, outlook(now, { equipmentId: 'fryer-1', kind: 'fryer', riskScore: 6 })),
    ],
  });
  await central.postBatch(jingan, {
    storeId: 'sh-002',
    sentAt: now,
    events: [
      sent(
        1,
        outlook(now, { state: 'drifting', cause: 'door_seal_leak', riskScore: 44, moneyAtStake: '41999.99' }),
      ),
      sent(2, outlook(now, { equipmentId: 'wif-1', state: 'learning', riskScore: 0 })),
    ],
  });
  await central.postBatch(guomao, {
    storeId: 'bj-001',
    sentAt: now,
    events: [
      sent(
        1,
        outlook(now, { state: 'finding', cause: 'refrigerant_loss', riskScore: 99, moneyAtStake: '9.00' }),
      ),
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await central?.dispose();
  rmSync(webDir, { recursive: true, force: true });
});

describe('predictive panel on the regional page', () => {
  it('ranks the east’s assets by risk and by money at stake, in zh-CN and en', async () => {
    browser = await openPage(central.base, LAPTOP);
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '预测维护' }).click();
    const panel = page.getByTestId('regional-predictive');
    const rows = (sort: string) =>
      panel
        .locator(`[data-ranking="${sort}"] tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => tr.dataset.asset));
    await panel.locator('[data-ranking="risk"] tbody tr').first().waitFor();
    // The north's riskiest asset is not the east manager's.
    expect(await rows('risk')).toEqual(['sh-001/wic-1', 'sh-002/wic-1', 'sh-001/fryer-1', 'sh-002/wif-1']);
    expect(await rows('money')).toEqual(['sh-002/wic-1', 'sh-001/wic-1', 'sh-001/fryer-1', 'sh-002/wif-1']);
    const top = panel.locator('[data-ranking="risk"] tbody tr').first();
    const topText = await top.textContent();
    expect(topText).toContain('冷藏库');
    expect(topText).toContain('冷凝器脏堵');
    expect(topText).toContain('约 31 小时（22–40 小时）');
    expect(topText).toContain('¥33,973.10');
    expect(topText).toContain('更换');
    await page.screenshot({ path: join(SHOTS, 'predictive-regional-zh-CN-1440x900.png'), fullPage: true });

    await page.getByRole('button', { name: '切换语言' }).click();
    await panel.getByText('Ranked by money at stake').waitFor();
    expect(await top.textContent()).toContain('~31 h (22–40 h)');
    await page.screenshot({ path: join(SHOTS, 'predictive-regional-en-1440x900.png'), fullPage: true });
  }, 60_000);
});
