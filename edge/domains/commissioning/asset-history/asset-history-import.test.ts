import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetHistoryDocument } from '../../../../shared/asset-history/asset-history-document';
import { StoreConfig } from '../../../../shared/config/store-config';
import { RepairSpendReader } from '../../predictive/prescriptive-inputs-repairs';
import { DAY_MS, EVALUATED_AT, MOVED_SERIAL, movingStoreInput, StoreBox } from '../testing/asset-history-kit';
import { AssetHistoryError } from './asset-history-errors';
import { exportAssetHistory } from './asset-history-export';
import { importAssetHistory } from './asset-history-import';
import { openAssetHistory, sealAssetHistory } from './asset-history-seal';
import { ImportedHistoryStore } from './imported-history-store';

const OLD_START = EVALUATED_AT - 200 * DAY_MS;

describe('importing an asset history into the store the unit moved to', () => {
  let oldStore: StoreBox;
  let newStore: StoreBox;
  let first: AssetHistoryDocument;

  beforeAll(() => {
    oldStore = new StoreBox(movingStoreInput('sh-001', 'wic-1'), OLD_START);
    oldStore.repair('wic-1', 'compressor relay', '5200');
    oldStore.clock.advance(30 * DAY_MS);
    oldStore.repair('wic-1', 'evaporator fan', '3200');
    // A part with no price anywhere on the old box: carried as used, counted at nothing.
    const fan = { name: 'Evaporator fan motor', partNumber: 'FAN-12', quantity: 2 };
    oldStore.repair('wic-1', 'fan noise', undefined, true, [fan]);
    // What the PM meters and the predictive watch recorded (rows as their services write them).
    const at = oldStore.clock.now();
    oldStore.db
      .prepare(
        'INSERT INTO pm_meters (equipment_id, meter, value, last_ts, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run('wic-1', 'compressor_run_h', 41_230.5, at, at);
    oldStore.db
      .prepare(
        `INSERT INTO predictive_findings (equipment_id, cause, detected_at, finding_json, ticket_id, created_at)
         VALUES (?, ?, ?, ?, NULL, ?)`,
      )
      .run('wic-1', 'condenser_fouling', at - DAY_MS, JSON.stringify({ cause: 'condenser_fouling' }), at);
    first = sealAssetHistory(
      exportAssetHistory(oldStore.db, oldStore.config, 'wic-1', oldStore.clock.now(), 'mgr-li'),
    );
    newStore = new StoreBox(movingStoreInput('sh-014', 'cooler-3'), EVALUATED_AT - 10 * DAY_MS);
  });
  afterAll(() => {
    for (const box of [oldStore, newStore]) {
      box.close();
      box.remove();
    }
  });

  it('exports every ticket with its transitions, quotes and spend', () => {
    expect(first.body.asset.serial).toBe(MOVED_SERIAL);
    expect(first.body.tickets.map((t) => [t.fault, t.status, t.spend])).toEqual([
      ['compressor relay', 'verified', '5200.00'],
      ['evaporator fan', 'verified', '3200.00'],
      ['fan noise', 'verified', '0.00'],
    ]);
    expect(first.body.tickets[2]?.parts).toMatchObject([
      { partNumber: 'FAN-12', quantity: '2', unitPrice: null },
    ]);
    expect(first.body.meters).toEqual([
      { meter: 'compressor_run_h', value: 41_230.5, at: expect.any(Number) },
    ]);
    expect(first.body.findings).toMatchObject([
      { cause: 'condenser_fouling', verifiedAt: null, ticketId: null },
    ]);
    expect(first.body.tickets[0]?.transitions.map((t) => t.to)).toEqual([
      'open',
      'acknowledged',
      'in_progress',
      'resolved',
      'verified',
    ]);
  });

  it('adds the history once: the same document again adds nothing, a longer one only what is new', () => {
    const reader = new RepairSpendReader(newStore.db, newStore.config.purchasing);
    expect(reader.lastTwelveMonths('cooler-3', EVALUATED_AT).total).toBe('0.00');
    const now = newStore.clock.now();
    const once = importAssetHistory(newStore.db, newStore.config, first, 'cooler-3', now, 'mgr-zhao');
    expect(once).toMatchObject({
      imported: true,
      newTickets: 3,
      fromStoreId: 'sh-001',
      assetKey: MOVED_SERIAL,
    });
    const again = importAssetHistory(
      newStore.db,
      newStore.config,
      openAssetHistory(JSON.stringify(first)),
      'cooler-3',
      now,
      'mgr-zhao',
    );
    expect(again).toMatchObject({ imported: false, newTickets: 0, newPartUses: 0 });
    expect(reader.lastTwelveMonths('cooler-3', EVALUATED_AT)).toMatchObject({
      total: '8400.00',
      carriedOver: { total: '8400.00', jobs: 3, fromStores: ['sh-001'] },
    });

    // The old store repaired it once more before it left: a new export carries one new job.
    oldStore.clock.advance(DAY_MS);
    oldStore.repair('wic-1', 'door heater', '100');
    const longer = sealAssetHistory(
      exportAssetHistory(oldStore.db, oldStore.config, 'wic-1', oldStore.clock.now(), 'mgr-li'),
    );
    expect(
      importAssetHistory(newStore.db, newStore.config, longer, 'cooler-3', now, 'mgr-zhao'),
    ).toMatchObject({
      imported: true,
      newTickets: 1,
    });
    const store = new ImportedHistoryStore(newStore.db);
    expect(store.ticketsOf('cooler-3')).toHaveLength(4);
    expect(store.importsOf('cooler-3').map((i) => i.from_store_id)).toEqual(['sh-001', 'sh-001']);
    expect(reader.lastTwelveMonths('cooler-3', EVALUATED_AT).total).toBe('8500.00');
    // Outside the 12 months, carried-in repairs count no more than the store's own.
    expect(reader.lastTwelveMonths('cooler-3', EVALUATED_AT + 400 * DAY_MS).total).toBe('0.00');
  });

  it('knows a unit without a serial by its asset tag, and never counts a job twice', () => {
    const tagged = (storeId: string, equipmentId: string) => {
      const input = movingStoreInput(storeId, equipmentId);
      const unit = input.equipment?.[0];
      if (!unit?.asset) throw new Error('no unit');
      const { serial: _serial, ...register } = unit.asset;
      return StoreConfig.parse({
        ...input,
        equipment: [{ ...unit, asset: { ...register, tag: 'CHAIN-00417' } }],
      });
    };
    const document = sealAssetHistory(
      exportAssetHistory(oldStore.db, tagged('sh-001', 'wic-1'), 'wic-1', oldStore.clock.now(), 'mgr-li'),
    );
    expect(document.body.asset).toMatchObject({ tag: 'CHAIN-00417' });
    expect(document.body.asset.serial).toBeUndefined();
    const outcome = importAssetHistory(
      newStore.db,
      tagged('sh-014', 'cooler-3'),
      document,
      'cooler-3',
      0,
      'x',
    );
    // A new document (by its seal), but the jobs in it were carried in already.
    expect(outcome).toMatchObject({ imported: true, assetKey: 'tag:CHAIN-00417', newTickets: 0 });
  });

  it('refuses history of another unit, and equipment the store does not have', () => {
    const other = StoreConfig.parse(movingStoreInput('sh-015', 'cooler-3', 'TRUE-GDM49-0000001'));
    const refused = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        if (error instanceof AssetHistoryError) return error.code;
        throw error;
      }
      return 'accepted';
    };
    expect(refused(() => importAssetHistory(newStore.db, other, first, 'cooler-3', 0, 'x'))).toBe(
      'asset_mismatch',
    );
    expect(refused(() => importAssetHistory(newStore.db, newStore.config, first, 'cooler-9', 0, 'x'))).toBe(
      'unknown_equipment',
    );
    const noSerial = StoreConfig.parse({
      ...movingStoreInput('sh-001', 'wic-1'),
      equipment: [{ id: 'wic-1', type: 'walk_in_cooler', station: 'cold', name: { en: 'W', 'zh-CN': 'W' } }],
    });
    expect(refused(() => exportAssetHistory(oldStore.db, noSerial, 'wic-1', 0, 'x'))).toBe(
      'no_asset_identity',
    );
  });
});
