import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEquipmentCommand } from '../bin/commands/equipment-command';
import { bearer, createApiFixture } from '../edge/api/testing/api-fixture';
import { assetHistoryRoutes } from '../edge/domains/commissioning/asset-history/asset-history-routes';
import {
  DAY_MS,
  EVALUATED_AT,
  MOVED_SERIAL,
  movingStoreInput,
  StoreBox,
} from '../edge/domains/commissioning/testing/asset-history-kit';
import { PrescriptiveInputs } from '../edge/domains/predictive/prescriptive-inputs';
import { ImportedHistoryView } from '../shared/asset-history/asset-history-api';
import { AssetHistoryDocument } from '../shared/asset-history/asset-history-document';
import { PredictiveConfig } from '../shared/predictive/predictive-config';

/** A command run with its output kept. */
async function galley(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEquipmentCommand(argv, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  });
  return { code, out, err };
}

describe('a walk-in cooler moves from store sh-001 to sh-014 with its asset history', () => {
  const work = mkdtempSync(join(tmpdir(), 'galley-asset-move-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exports at the old store, imports once at the new one, and the repair-or-replace numbers use the old repairs', async () => {
    // The old store: two real repairs in the last 12 months (¥5 200 + ¥3 200 = ¥8 400), one older.
    const oldInput = movingStoreInput('sh-001', 'wic-1');
    const oldConfig = join(work, 'sh-001.json');
    writeFileSync(oldConfig, JSON.stringify(oldInput));
    const oldBox = new StoreBox(oldInput, EVALUATED_AT - 420 * DAY_MS, join(work, 'sh-001'));
    oldBox.repair('wic-1', 'door gasket', '1500'); // 420 days before: outside the 12 months
    oldBox.clock.advanceTo(EVALUATED_AT - 300 * DAY_MS);
    oldBox.repair('wic-1', 'compressor relay', '5200');
    oldBox.clock.advanceTo(EVALUATED_AT - 240 * DAY_MS);
    oldBox.repair('wic-1', 'evaporator fan', '3200');
    oldBox.close();

    const file = join(work, 'wic-1-history.json');
    const exported = await galley(
      'export-history',
      'wic-1',
      '--data',
      oldBox.dir,
      '--config',
      oldConfig,
      '--out',
      file,
      '--by',
      'mgr-li',
    );
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`wic-1 (${MOVED_SERIAL}) from store sh-001: 3 tickets`);
    const document = AssetHistoryDocument.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(document.body.tickets.map((t) => t.spend)).toEqual(['1500.00', '5200.00', '3200.00']);

    // The new store has it as cooler-3, the same nameplate serial, installed there a few days ago,
    // and a ¥24 500 quote on the table.
    const newInput = movingStoreInput('sh-014', 'cooler-3', MOVED_SERIAL, '2025-05-25');
    const newConfig = join(work, 'sh-014.json');
    writeFileSync(newConfig, JSON.stringify(newInput));
    const newBox = new StoreBox(newInput, EVALUATED_AT - 2 * DAY_MS, join(work, 'sh-014'));
    try {
      const quoteTicket = newBox.repair('cooler-3', 'compressor failed', '24500', false);
      const inputs = new PrescriptiveInputs(newBox.db, newBox.config, PredictiveConfig.parse({}));
      const cooler = newBox.config.equipment[0];
      if (!cooler) throw new Error('no cooler');
      const before = inputs.outcome(cooler, undefined, EVALUATED_AT);
      expect(before.inputs.repairsLast12Months.total).toBe('0.00');
      // Counted from its arrival it looks new: a repair.
      expect(before.result?.recommendation).toBe('repair');

      // A copy edited on the way (the ¥5 200 job made ¥520) is refused; nothing is imported.
      const edited = readFileSync(file, 'utf8').replace('"5200.00"', '"520.00"');
      writeFileSync(join(work, 'edited.json'), edited);
      const refused = await galley(
        'import-history',
        join(work, 'edited.json'),
        '--data',
        newBox.dir,
        '--config',
        newConfig,
      );
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/SHA-256 seal/);
      expect(inputs.outcome(cooler, undefined, EVALUATED_AT).inputs.repairsLast12Months.total).toBe('0.00');

      const imported = await galley('import-history', file, '--data', newBox.dir, '--config', newConfig);
      expect(imported.err).toBe('');
      expect(imported.out).toContain('from store sh-001 onto cooler-3: 3 new tickets');
      const again = await galley('import-history', file, '--data', newBox.dir, '--config', newConfig);
      expect(again.code).toBe(0);
      expect(again.out).toContain('already imported');

      // Issue 19's case: 9 of 12 years, ¥42 000 to replace, ¥24 500 quoted → REPLACE, ¥8 400 beside it.
      const outcome = inputs.outcome(cooler, undefined, EVALUATED_AT);
      expect(outcome.result?.recommendation).toBe('replace');
      expect(outcome.result?.figures).toMatchObject({
        quotePercentOfReplacement: '58',
        lifeUsedPercent: '75',
        repairsLast12Months: '8400.00',
        replacementPrice: '42000.00',
      });
      expect(outcome.inputs.repairQuote).toMatchObject({ ticketId: quoteTicket, amount: '24500.00' });
      expect(outcome.inputs.repairsLast12Months.carriedOver).toEqual({
        total: '8400.00',
        jobs: 2,
        fromStores: ['sh-001'],
      });
      expect(outcome.notes.map((n) => n.en).join(' ')).toContain('8400.00 of repairs at sh-001');
      expect(outcome.notes.map((n) => n['zh-CN']).join(' ')).toContain('sh-001');
      expect(outcome.inputs.ageYears).toBe('9.00');
      expect(outcome.notes.map((n) => n.en).join(' ')).toContain('first install, 2016-06-01 at sh-001');

      // On the equipment, read only, each job marked with the store and dates it happened at.
      const api = await createApiFixture({
        routes: assetHistoryRoutes({ db: newBox.db, config: () => newBox.config }),
      });
      try {
        const tech = bearer(await api.tokenFor('technician'));
        const got = await api.server.inject({ url: '/api/equipment/cooler-3/asset-history', headers: tech });
        expect(got.statusCode).toBe(200);
        const view = ImportedHistoryView.parse(got.json());
        expect(view.imports).toMatchObject([
          { fromStoreId: 'sh-001', fromEquipmentId: 'wic-1', sha256: document.sha256 },
        ]);
        expect(
          view.tickets.map((t) => [t.fromStoreId, t.ticket.fault, t.ticket.spend, t.ticket.resolvedAt]),
        ).toEqual(document.body.tickets.map((t) => ['sh-001', t.fault, t.spend, t.resolvedAt]));
        const staff = bearer(await api.tokenFor('staff'));
        expect(
          (await api.server.inject({ url: '/api/equipment/cooler-3/asset-history', headers: staff }))
            .statusCode,
        ).toBe(403);
        expect(
          (await api.server.inject({ url: '/api/equipment/nope/asset-history', headers: tech })).statusCode,
        ).toBe(404);
        const edit = await api.server.inject({
          method: 'POST',
          url: '/api/equipment/cooler-3/asset-history',
          headers: tech,
        });
        expect(edit.statusCode).toBe(404);
      } finally {
        await api.close();
      }
    } finally {
      newBox.close();
    }
  });
});
