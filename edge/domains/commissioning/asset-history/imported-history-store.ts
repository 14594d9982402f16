import type { Database } from '../../../store/database';

export interface ImportRecord {
  sha256: string;
  equipmentId: string;
  assetKey: string;
  fromStoreId: string;
  fromEquipmentId: string;
  installDate: string | null;
  exportedAt: number;
  importedAt: number;
  importedBy: string;
  documentJson: string;
}

export interface ImportedTicketRow {
  equipment_id: string;
  from_store_id: string;
  source_ticket_id: number;
  kind: string;
  fault: string;
  status: string;
  opened_at: number;
  resolved_at: number | null;
  spend: string | null;
  ticket_json: string;
}

export interface ImportSummaryRow {
  id: number;
  sha256: string;
  asset_key: string;
  from_store_id: string;
  from_equipment_id: string;
  exported_at: number;
  imported_at: number;
  imported_by: string;
}

/** The SQL of migration 037: history carried in from other stores, written once, read only. */
export class ImportedHistoryStore {
  readonly #bySha;
  readonly #insertImport;
  readonly #insertTicket;
  readonly #insertPartUse;
  readonly #imports;
  readonly #tickets;
  readonly #spendTickets;
  readonly #spendParts;
  readonly #firstInstall;

  constructor(db: Database) {
    this.#bySha = db.prepare<[string], { id: number }>(
      'SELECT id FROM asset_history_imports WHERE sha256 = ?',
    );
    this.#insertImport = db.prepare(
      `INSERT INTO asset_history_imports (sha256, equipment_id, asset_key, from_store_id, from_equipment_id,
         install_date, exported_at, imported_at, imported_by, document_json)
       VALUES (@sha256, @equipmentId, @assetKey, @fromStoreId, @fromEquipmentId, @installDate, @exportedAt,
         @importedAt, @importedBy, @documentJson)`,
    );
    this.#firstInstall = db.prepare<[string], { install_date: string; from_store_id: string }>(
      `SELECT install_date, from_store_id FROM asset_history_imports
       WHERE equipment_id = ? AND install_date IS NOT NULL ORDER BY install_date, id LIMIT 1`,
    );
    this.#insertTicket = db.prepare(
      `INSERT OR IGNORE INTO imported_asset_tickets (import_id, equipment_id, from_store_id, source_ticket_id, kind,
         fault, status, opened_at, resolved_at, spend, ticket_json)
       VALUES (@importId, @equipmentId, @fromStoreId, @sourceTicketId, @kind, @fault, @status, @openedAt,
         @resolvedAt, @spend, @ticketJson)`,
    );
    this.#insertPartUse = db.prepare(
      `INSERT OR IGNORE INTO imported_asset_part_uses (import_id, equipment_id, from_store_id, source_movement_id,
         part_number, at, spend)
       VALUES (@importId, @equipmentId, @fromStoreId, @sourceMovementId, @partNumber, @at, @spend)`,
    );
    this.#imports = db.prepare<[string], ImportSummaryRow>(
      `SELECT id, sha256, asset_key, from_store_id, from_equipment_id, exported_at, imported_at, imported_by
       FROM asset_history_imports WHERE equipment_id = ? ORDER BY exported_at, id`,
    );
    this.#tickets = db.prepare<[string], ImportedTicketRow>(
      `SELECT equipment_id, from_store_id, source_ticket_id, kind, fault, status, opened_at, resolved_at, spend,
         ticket_json
       FROM imported_asset_tickets WHERE equipment_id = ? ORDER BY opened_at, source_ticket_id`,
    );
    this.#spendTickets = db.prepare<[string, number, number], { from_store_id: string; spend: string }>(
      `SELECT from_store_id, spend FROM imported_asset_tickets
       WHERE equipment_id = ? AND resolved_at >= ? AND resolved_at < ? AND spend IS NOT NULL
         AND status IN ('resolved', 'verified', 'closed')`,
    );
    this.#spendParts = db.prepare<[string, number, number], { from_store_id: string; spend: string }>(
      `SELECT from_store_id, spend FROM imported_asset_part_uses
       WHERE equipment_id = ? AND at >= ? AND at < ? AND spend IS NOT NULL`,
    );
  }

  /** The earliest install date the unit's carried-in histories name, with the store it was installed at. */
  firstInstall(equipmentId: string): { installDate: string; fromStoreId: string } | undefined {
    const row = this.#firstInstall.get(equipmentId);
    return row && { installDate: row.install_date, fromStoreId: row.from_store_id };
  }

  importIdOf(sha256: string): number | undefined {
    return this.#bySha.get(sha256)?.id;
  }

  addImport(record: ImportRecord): number {
    return Number(this.#insertImport.run(record).lastInsertRowid);
  }

  /** True when the ticket was new here (not carried in by an earlier document). */
  addTicket(row: {
    importId: number;
    equipmentId: string;
    fromStoreId: string;
    sourceTicketId: number;
    kind: string;
    fault: string;
    status: string;
    openedAt: number;
    resolvedAt: number | null;
    spend: string | null;
    ticketJson: string;
  }): boolean {
    return this.#insertTicket.run(row).changes > 0;
  }

  addPartUse(row: {
    importId: number;
    equipmentId: string;
    fromStoreId: string;
    sourceMovementId: number;
    partNumber: string;
    at: number;
    spend: string | null;
  }): boolean {
    return this.#insertPartUse.run(row).changes > 0;
  }

  importsOf(equipmentId: string): ImportSummaryRow[] {
    return this.#imports.all(equipmentId);
  }

  ticketsOf(equipmentId: string): ImportedTicketRow[] {
    return this.#tickets.all(equipmentId);
  }

  /** Carried-in repair spend in [from, to): resolved tickets at their spend, loose parts at theirs. */
  spendBetween(equipmentId: string, from: number, to: number): { fromStoreId: string; spend: string }[] {
    return [
      ...this.#spendTickets.all(equipmentId, from, to),
      ...this.#spendParts.all(equipmentId, from, to),
    ].map((r) => ({ fromStoreId: r.from_store_id, spend: r.spend }));
  }
}
