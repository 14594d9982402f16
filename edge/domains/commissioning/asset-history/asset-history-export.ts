import Decimal from 'decimal.js';
import type { TicketSource, TicketStatus } from '../../../../shared/api/tickets';
import {
  ASSET_HISTORY_FORMAT,
  type AssetHistoryBody,
  type HistoryTicket,
} from '../../../../shared/asset-history/asset-history-document';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { LocalizedText } from '../../../../shared/localized-text';
import type { Database } from '../../../store/database';
import { RepairSpendReader } from '../../predictive/prescriptive-inputs-repairs';
import { jobSpend } from '../../predictive/repair-job-spend';
import { AssetHistoryError } from './asset-history-errors';

interface TicketRow {
  id: number;
  kind: string;
  source: string;
  fault: string;
  title: string;
  category: string | null;
  severity: string;
  status: string;
  opened_at: number;
  resolved_at: number | null;
  verified_at: number | null;
  closed_at: number | null;
  resolution_code: string | null;
  resolution_notes: string | null;
  plan_id: string | null;
}
interface PartRow {
  id: number;
  part_number: string;
  delta_milli: number;
  at: number;
  by: string;
}

const REPAIRED: readonly string[] = ['resolved', 'verified', 'closed'];

/**
 * Reads one unit's whole history out of the store database into an asset history body
 * (sealed by the caller). Read in one transaction, so a running edge writing meanwhile
 * yields a consistent picture. Money is priced exactly as the store's repair spend counts
 * it (edge/domains/predictive/prescriptive-inputs-repairs.ts), so the new store's repair
 * or replace numbers see the same amounts the old one did.
 */
export function exportAssetHistory(
  db: Database,
  config: StoreConfig,
  equipmentId: string,
  now: number,
  by: string,
): AssetHistoryBody {
  const equipment = config.equipment.find((e) => e.id === equipmentId);
  if (!equipment)
    throw new AssetHistoryError('unknown_equipment', `no equipment "${equipmentId}" in the store config`);
  const register = equipment.asset ?? {};
  if (register.serial === undefined && register.tag === undefined)
    throw new AssetHistoryError(
      'no_asset_identity',
      `equipment "${equipmentId}" has neither asset.serial nor asset.tag: add the nameplate serial to the config so the new store can match the unit`,
    );
  const prices = new RepairSpendReader(db, config.purchasing);
  const reader = statements(db);
  const priceOf = (partNumber: string): string | null =>
    prices.pricePerBaseUnit(partNumber)?.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString() ?? null;
  const partUse = (row: PartRow) => ({
    movementId: row.id,
    partNumber: row.part_number,
    quantity: new Decimal(-row.delta_milli).dividedBy(1000).toString(),
    unitPrice: priceOf(row.part_number),
    at: row.at,
    by: row.by,
  });

  return db.transaction((): AssetHistoryBody => {
    const tickets = reader.tickets.all(equipmentId).map((row): HistoryTicket => {
      const quotes = reader.quotes
        .all(row.id)
        .map((q) => ({ amount: q.amount, at: q.at, by: q.by, note: q.note }));
      const parts = reader.ticketParts.all(row.id).map(partUse);
      return {
        id: row.id,
        kind: row.kind === 'preventive' ? 'preventive' : 'repair',
        source: row.source as TicketSource,
        fault: row.fault,
        title: JSON.parse(row.title) as LocalizedText,
        category: row.category,
        severity: row.severity,
        status: row.status as TicketStatus,
        openedAt: row.opened_at,
        resolvedAt: row.resolved_at,
        verifiedAt: row.verified_at,
        closedAt: row.closed_at,
        resolutionCode: row.resolution_code,
        resolutionNotes: row.resolution_notes,
        planId: row.plan_id,
        transitions: reader.transitions.all(row.id).map((t) => ({
          from: t.from_status as TicketStatus | null,
          to: t.to_status as TicketStatus,
          at: t.at,
          by: t.by,
          note: t.note,
        })),
        quotes,
        parts,
        steps: reader.steps.all(row.id).map((s) => ({
          stepId: s.step_id,
          title: s.title,
          value: s.value,
          inRange: s.in_range === null ? null : s.in_range === 1,
          signedAt: s.signed_at,
          signedBy: s.signed_by,
        })),
        spend:
          REPAIRED.includes(row.status) && row.resolved_at !== null
            ? jobSpend(quotes.at(-1)?.amount, parts)
            : null,
      };
    });
    return {
      format: ASSET_HISTORY_FORMAT,
      asset: {
        ...(register.serial === undefined ? {} : { serial: register.serial }),
        ...(register.tag === undefined ? {} : { tag: register.tag }),
        type: equipment.type,
        name: equipment.name,
        register,
      },
      fromStoreId: config.store.id,
      fromEquipmentId: equipmentId,
      currency: config.stock.currency,
      exportedAt: now,
      exportedBy: by,
      tickets,
      loosePartUses: reader.looseParts.all(equipmentId).map(partUse),
      meters: reader.meters
        .all(equipmentId)
        .map((m) => ({ meter: m.meter, value: m.value, at: m.updated_at })),
      findings: reader.findings.all(equipmentId).map((f) => ({
        cause: f.cause,
        detectedAt: f.detected_at,
        verifiedAt: f.verified_at,
        ticketId: f.ticket_id,
        detail: JSON.parse(f.finding_json) as Record<string, unknown>,
      })),
    };
  })();
}

function statements(db: Database) {
  return {
    tickets: db.prepare<[string], TicketRow>(
      `SELECT id, kind, source, fault, title, category, severity, status, opened_at, resolved_at, verified_at,
              closed_at, resolution_code, resolution_notes, plan_id
       FROM tickets WHERE equipment_id = ? ORDER BY id`,
    ),
    transitions: db.prepare<
      [number],
      { from_status: string | null; to_status: string; at: number; by: string; note: string | null }
    >('SELECT from_status, to_status, at, by, note FROM ticket_transitions WHERE ticket_id = ? ORDER BY id'),
    quotes: db.prepare<[number], { amount: string; at: number; by: string; note: string | null }>(
      'SELECT amount, at, by, note FROM ticket_quotes WHERE ticket_id = ? ORDER BY id',
    ),
    ticketParts: db.prepare<[number], PartRow>(
      `SELECT id, part_number, delta_milli, at, by FROM part_movements
       WHERE reason = 'used' AND ticket_id = ? ORDER BY id`,
    ),
    looseParts: db.prepare<[string], PartRow>(
      `SELECT id, part_number, delta_milli, at, by FROM part_movements
       WHERE reason = 'used' AND ticket_id IS NULL AND equipment_id = ? ORDER BY id`,
    ),
    steps: db.prepare<
      [number],
      {
        step_id: string;
        title: string;
        value: number | null;
        in_range: number | null;
        signed_at: number | null;
        signed_by: string | null;
      }
    >(
      `SELECT step_id, title, value, in_range, signed_at, signed_by FROM work_order_steps
       WHERE work_order_id = ? ORDER BY position`,
    ),
    meters: db.prepare<[string], { meter: string; value: number; updated_at: number }>(
      'SELECT meter, value, updated_at FROM pm_meters WHERE equipment_id = ? ORDER BY meter',
    ),
    findings: db.prepare<
      [string],
      {
        cause: string;
        detected_at: number;
        verified_at: number | null;
        ticket_id: number | null;
        finding_json: string;
      }
    >(
      `SELECT cause, detected_at, verified_at, ticket_id, finding_json FROM predictive_findings
       WHERE equipment_id = ? ORDER BY detected_at, id`,
    ),
  };
}
