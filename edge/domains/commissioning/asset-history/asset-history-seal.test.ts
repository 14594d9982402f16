import { describe, expect, it } from 'vitest';
import {
  ASSET_HISTORY_FORMAT,
  type AssetHistoryBody,
} from '../../../../shared/asset-history/asset-history-document';
import { canonicalJson } from '../../../../shared/asset-history/canonical-json';
import { AssetHistoryError } from './asset-history-errors';
import { openAssetHistory, sealAssetHistory } from './asset-history-seal';

const AT = Date.UTC(2025, 2, 3, 8);

function body(): AssetHistoryBody {
  return {
    format: ASSET_HISTORY_FORMAT,
    asset: {
      serial: 'TRUE-GDM49-8812345',
      type: 'walk_in_cooler',
      name: { en: 'Walk-in', 'zh-CN': '冷藏库' },
      register: { serial: 'TRUE-GDM49-8812345', installDate: '2016-06-01', replacementPrice: '42000.00' },
    },
    fromStoreId: 'sh-001',
    fromEquipmentId: 'wic-1',
    currency: 'CNY',
    exportedAt: AT,
    exportedBy: 'mgr-li',
    tickets: [
      {
        id: 7,
        kind: 'repair',
        source: 'manual',
        fault: 'compressor relay',
        title: { en: 'Compressor relay', 'zh-CN': '压缩机继电器' },
        category: 'other',
        severity: 'major',
        status: 'verified',
        openedAt: AT - 3_600_000,
        resolvedAt: AT - 1_800_000,
        verifiedAt: AT - 900_000,
        closedAt: null,
        resolutionCode: 'repaired',
        resolutionNotes: null,
        planId: null,
        transitions: [{ from: null, to: 'open', at: AT - 3_600_000, by: 'tech-wang', note: null }],
        quotes: [{ amount: '5200.00', at: AT - 3_000_000, by: 'tech-wang', note: null }],
        parts: [
          {
            movementId: 3,
            partNumber: 'FAN-12',
            quantity: '1',
            unitPrice: '253.333333',
            at: AT - 2_000_000,
            by: 'tech-wang',
          },
        ],
        steps: [],
        spend: '5200.00',
      },
    ],
    loosePartUses: [],
    meters: [{ meter: 'compressor_run_h', value: 41_230.5, at: AT }],
    findings: [],
  };
}

function refusal(text: string): AssetHistoryError {
  try {
    openAssetHistory(text);
  } catch (error) {
    if (error instanceof AssetHistoryError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('asset history document', () => {
  it('round-trips through its file text, whatever order the keys were written in', () => {
    const sealed = sealAssetHistory(body());
    expect(sealed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(openAssetHistory(JSON.stringify(sealed, null, 2))).toEqual(sealed);
    // Another tool writing the same content with its keys reversed: same seal.
    const reversed = JSON.parse(JSON.stringify(sealed), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as unknown;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(sealed));
    expect(openAssetHistory(JSON.stringify(reversed)).sha256).toBe(sealed.sha256);
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('refuses a document changed after export: a smaller repair spend, a ticket dropped, a key slipped in', () => {
    const sealed = sealAssetHistory(body());
    const cheaper = structuredClone(sealed);
    const ticket = cheaper.body.tickets[0];
    if (!ticket) throw new Error('no ticket');
    ticket.spend = '520.00';
    expect(refusal(JSON.stringify(cheaper)).code).toBe('tampered');
    const dropped = structuredClone(sealed);
    dropped.body.tickets = [];
    expect(refusal(JSON.stringify(dropped)).message).toMatch(/SHA-256 seal/);
    // `name` is parsed loosely (extra languages are dropped), yet the seal covers the file as written.
    const slipped = JSON.parse(JSON.stringify(sealed)) as {
      body: { asset: { name: Record<string, string> } };
    };
    slipped.body.asset.name.fr = 'Chambre froide';
    expect(refusal(JSON.stringify(slipped)).code).toBe('tampered');
    // Resealing a changed body is what export does; the seal is of the content, so it is honest again.
    expect(openAssetHistory(JSON.stringify(sealAssetHistory(cheaper.body))).body.tickets[0]?.spend).toBe(
      '520.00',
    );
  });

  it('refuses what no unit history holds, naming every path', () => {
    const bad = body();
    const ticket = bad.tickets[0];
    if (!ticket) throw new Error('no ticket');
    ticket.openedAt = Math.floor(AT / 1000); // seconds, not ms
    ticket.spend = '5200.005'; // a fraction of a fen
    const quote = ticket.quotes[0];
    if (quote) quote.amount = '-5';
    bad.asset = { ...bad.asset, serial: undefined };
    expect(() => sealAssetHistory(bad)).toThrow(/asset history not written:[\s\S]*tickets\.0\.openedAt/);
    const error = refusal(JSON.stringify({ body: bad, sha256: 'a'.repeat(64) }));
    expect(error.code).toBe('invalid_document');
    expect(error.message).toContain('tickets.0.openedAt');
    expect(error.message).toContain('tickets.0.spend');
    expect(error.message).toContain('tickets.0.quotes.0.amount');
    expect(error.message).toMatch(/asset: an asset history names the unit by its serial or asset tag/);
    expect(refusal('{"body": ').code).toBe('not_json');
    const extra = { ...sealAssetHistory(body()), signedBy: 'me' };
    expect(refusal(JSON.stringify(extra)).message).toMatch(/signedBy/);
  });
});
