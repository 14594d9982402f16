import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../edge/api/testing/api-fixture';
import { gatherFoodSafetyReport } from '../edge/domains/food-safety/report/food-safety-report';
import { renderReportCsv } from '../edge/domains/food-safety/report/report-csv';
import { renderReportPdf } from '../edge/domains/food-safety/report/report-pdf';
import { foodSafetyReportRoutes } from '../edge/domains/food-safety/report/report-routes';
import type { FoodSafetyReportSource } from '../edge/domains/food-safety/report/report-source';
import { serviceReportSource } from '../edge/domains/food-safety/report/service-report-source';
import { DAY, FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import type { CoolingBatchView, CorrectiveActionView, ExcursionView } from '../shared/api/food-safety';
import type { Locale } from '../shared/localized-text';
import { parseCsv, section } from '../shared/server/testing/parse-csv';

const PROBE = 'ric-1';
const H = 60;
const MANAGER = { id: 'mgr-li', roles: ['manager'] };

/**
 * A known day of the demo store on a real SQLite file: the walk-in cooler at 3 °C but
 * 6 °C for 31 min (one excursion), and three batches cooled on the reach-in's probe (the
 * FDA 3-501.14 cases of the issue): stage 1 missed (57 → 22 °C at 2 h, reheated and
 * re-cooled), passed (21 °C at 1:50, 5 °C at 5:50), and stage 2 missed (6 °C at 6:00,
 * discarded). The probe's own holding point sees the hot food as excursions too.
 */
interface History {
  rig: FoodSafetyRig;
  batches: CoolingBatchView[];
  excursions: ExcursionView[];
  actions: CorrectiveActionView[];
  source: FoodSafetyReportSource;
  range: { from: number; to: number };
}

/** Straight lines between [minutes after t0, °C] points, flat after the last. */
function curve(t0: number, points: readonly [number, number][]): (minute: number) => number {
  return (minute) => {
    const m = minute - t0;
    for (let i = 1; i < points.length; i++) {
      const [m0, v0] = points[i - 1] ?? [0, 0];
      const [m1, v1] = points[i] ?? [0, 0];
      if (m <= m1) return Math.round((v0 + ((v1 - v0) * Math.max(0, m - m0)) / (m1 - m0)) * 100) / 100;
    }
    return points[points.length - 1]?.[1] ?? 0;
  };
}

function buildHistory(): History {
  const rig = new FoodSafetyRig();
  const cooler = (minute: number) => ({ temp_c: minute >= 300 && minute < 331 ? 6 : 3, door_open: false });
  const plans: { t0: number; product: string; points: [number, number][] }[] = [
    {
      t0: 30,
      product: 'Chicken stock, "house" recipe',
      points: [
        [0, 57],
        [120, 22],
      ],
    },
    {
      t0: 160,
      product: '红烧肉 braised pork',
      points: [
        [0, 57],
        [110, 21],
        [350, 5],
      ],
    },
    {
      t0: 520,
      product: 'Rice',
      points: [
        [0, 57],
        [110, 21],
        [360, 6],
      ],
    },
  ];
  const batches: CoolingBatchView[] = [];
  let ends = 0;
  for (const plan of plans) {
    const temp = curve(plan.t0, plan.points);
    rig.run(plan.t0, (m) => ({ 'wic-1': cooler(m), [PROBE]: { temp_c: m < plan.t0 ? 4 : temp(m) } }), 30);
    rig.bus.emit('readingsCommitted', [
      { equipmentId: PROBE, ts: rig.clock.now(), readings: { temp_c: 57 } },
    ]);
    const batch = rig.service.startCooling(
      { product: plan.product, quantity: { amount: 12, unit: 'l' }, equipmentId: PROBE },
      'staff-chen',
    );
    ends = plan.t0 + 6 * H + 5;
    rig.run(Math.min(ends, plan.t0 + (plan.points.at(-1)?.[0] ?? 0) + 5), (m) => ({
      'wic-1': cooler(m),
      [PROBE]: { temp_c: temp(m) },
    }));
    batches.push(batch);
  }
  rig.run(ends + 10, (m) => ({ 'wic-1': cooler(m), [PROBE]: { temp_c: 4 } }));
  const [stock, , rice] = batches.map((b) => rig.service.coolingBatch(b.id));
  rig.service.signOff(
    stock?.actionId ?? 0,
    {
      whatDone: 'Reheated to 74 °C, cooled again in an ice bath',
      disposition: 'reheat_recool',
      quantity: { amount: 12, unit: 'l' },
    },
    MANAGER,
  );
  rig.service.signOff(
    rice?.actionId ?? 0,
    { whatDone: '=binned, not reheated', disposition: 'discarded', quantity: { amount: 12, unit: 'l' } },
    MANAGER,
  );
  const range = { from: rig.dayStart, to: rig.dayStart + 24 * H * 60_000 };
  rig.run(24 * H + 1, (m) => ({ 'wic-1': cooler(m), [PROBE]: { temp_c: 4 } }), 60);
  const source = serviceReportSource(rig.service, () => rig.config);
  return {
    rig,
    batches: batches.map((b) => rig.service.coolingBatch(b.id)),
    excursions: rig.service.excursionsIn(range),
    actions: rig.service.correctiveActions({ state: 'all', limit: 100 }),
    source,
    range,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'galley-fs-report-cooling-'));
let h: History;
beforeAll(() => {
  h = buildHistory();
}, 120_000);
afterAll(() => {
  h?.rig.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pdfText(lang: Locale, request: { batchId?: number } = {}): Promise<string> {
  const report = await gatherFoodSafetyReport(h.source, { ...h.range, ...request }, h.rig.clock.now());
  const file = join(dir, `report-${lang}-${request.batchId ?? 'all'}.pdf`);
  writeFileSync(file, await renderReportPdf(report, lang));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function csvRows(lang: Locale): Promise<string[][]> {
  const report = await gatherFoodSafetyReport(h.source, h.range, h.rig.clock.now());
  const text = [...renderReportCsv(report, lang)].join('');
  return parseCsv(text.slice(1));
}

// PDFs and a whole route on a shared 2-core machine: generous, as the figures in the report say.
describe('the food-safety report of a known day, cooling batches included', { timeout: 60_000 }, () => {
  it('is the history the test meant to make', () => {
    expect(h.batches.map((b) => [b.state, ...b.stages.map((s) => s.result)])).toEqual([
      ['failed', 'failed', 'skipped'],
      ['passed', 'passed', 'passed'],
      ['failed', 'passed', 'failed'],
    ]);
    expect(h.excursions.filter((e) => e.controlPointId === 'wic-1-cold')).toHaveLength(1);
    expect(h.excursions.length).toBeGreaterThan(1);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`prints every batch with its stages, action and signer, and every excursion, in the PDF (${lang})`, async () => {
      const text = await pdfText(lang);
      const zh = lang === 'zh-CN';
      expect(text).toContain(zh ? '冷却记录' : 'Cooling logs');
      expect(text).toContain(zh ? '3 个批次，2 个未达标' : '3 batch(es), 2 missed a stage');
      for (const b of h.batches) expect(text).toContain(`#${b.id} ${b.product.split(',')[0]}`);
      expect(text).toContain(zh ? '不合格 — 2 小时内降至 ≤ 21 °C' : 'FAIL — ≤ 21 °C within 2 h');
      expect(text).toContain(zh ? '不合格 — 6 小时内降至 ≤ 5 °C' : 'FAIL — ≤ 5 °C within 6 h');
      expect(text).toContain(zh ? '合格 — 6 小时内降至 ≤ 5 °C' : 'PASS — ≤ 5 °C within 6 h');
      expect(text).toContain(zh ? '重新加热并冷却 12 升' : 'reheated and re-cooled 12 L');
      expect(text).toContain(zh ? '丢弃 12 升' : 'discarded 12 L');
      expect(text).toContain('李经理 Manager Li (mgr-li)');
      for (const e of h.excursions) expect(text).toContain(`#${e.id} `);
    });

    it(`lists every batch and excursion in the CSV (${lang})`, async () => {
      const rows = await csvRows(lang);
      const zh = lang === 'zh-CN';
      const cooling = section(rows, zh ? '冷却记录' : 'Cooling logs');
      expect(cooling.rows.map((r) => Number(r[0]))).toEqual(h.batches.map((b) => b.id));
      const col = (name: string) => cooling.header.indexOf(name);
      const [stock, pork, rice] = cooling.rows;
      const stage1 = zh ? '第 1 阶段' : 'Stage 1';
      const stage2 = zh ? '第 2 阶段' : 'Stage 2';
      const result = zh ? '结论' : 'Result';
      expect(stock?.[col(`${stage1} ${result}`)]).toBe(zh ? '不合格' : 'FAIL');
      // The last reading before the deadline: on the way from 57 to 22 °C, above the 21 °C it needed.
      expect(Number(stock?.[col(`${stage1} °C`)])).toBeGreaterThan(21);
      expect(Number(stock?.[col(`${stage1} °C`)])).toBeLessThanOrEqual(22.5);
      expect(pork?.[col(`${stage2} ${result}`)]).toBe(zh ? '合格' : 'PASS');
      expect(pork?.[col(`${stage1} °C`)]).toBe('21');
      expect(rice?.[col(`${stage2} ${result}`)]).toBe(zh ? '不合格' : 'FAIL');
      expect(Number(rice?.[col(`${stage2} °C`)])).toBeGreaterThan(5);
      // Typed text that looks like a formula stays text.
      expect(rice).toContain("'=binned, not reheated");
      expect(rice).toContain('李经理 Manager Li (mgr-li)');
      expect(stock?.[1]).toBe('Chicken stock, "house" recipe');
      const excursions = section(rows, zh ? '超限事件及纠正措施' : 'Excursions and corrective actions');
      expect(excursions.rows.map((r) => Number(r[0])).sort()).toEqual(h.excursions.map((e) => e.id).sort());
    });
  }

  it('narrows to one batch, and the route documents and validates `batch` and `controlPoint`', async () => {
    const [, pork] = h.batches;
    const text = await pdfText('en', { batchId: pork?.id ?? 0 });
    expect(text).toContain(`#${pork?.id} 红烧肉`);
    expect(text).not.toContain('Chicken stock');
    expect(text).not.toContain('Walk-in');

    let f: ApiFixture | undefined;
    try {
      f = await createApiFixture({
        routes: foodSafetyReportRoutes({ source: h.source, clock: h.rig.clock }),
      });
      const manager = bearer(await f.tokenFor('manager'));
      const get = (query: string) =>
        f?.server.inject({
          method: 'GET',
          url: `/api/food-safety/report?from=${DAY}&to=${DAY}&${query}`,
          headers: manager,
        });
      const one = await get(`format=csv&lang=en&batch=${pork?.id}`);
      expect(one?.statusCode).toBe(200);
      expect(one?.headers['content-disposition']).toContain(`_batch-${pork?.id}_`);
      const rows = parseCsv(one?.body.slice(1) ?? '');
      expect(section(rows, 'Cooling logs').rows.map((r) => Number(r[0]))).toEqual([pork?.id]);

      const point = await get('format=csv&lang=en&controlPoint=wic-1-cold');
      const pointRows = parseCsv(point?.body.slice(1) ?? '');
      expect(section(pointRows, 'Cooling logs').rows).toHaveLength(0);
      const probePoint = parseCsv(
        (await get('format=csv&lang=en&controlPoint=ric-1-cold'))?.body.slice(1) ?? '',
      );
      expect(section(probePoint, 'Cooling logs').rows).toHaveLength(3);

      const missing = await get('format=csv&batch=999999');
      expect(missing?.statusCode).toBe(404);
      expect(missing?.json().messages['zh-CN']).toContain('冷却批次 999999');
      expect((await get('batch=abc'))?.statusCode).toBe(400);
      const both = await get(`batch=${pork?.id}&controlPoint=wic-1-cold`);
      expect(both?.statusCode).toBe(400);
      expect(both?.json().messages.en).toContain('not both');

      const doc = (await f.server.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
      };
      const names = doc.paths['/api/food-safety/report']?.get.parameters.map((p) => p.name);
      expect(names).toEqual(
        expect.arrayContaining(['from', 'to', 'format', 'lang', 'controlPoint', 'batch']),
      );
    } finally {
      await f?.close();
    }
  });
});
