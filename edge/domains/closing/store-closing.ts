import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreArchiveAck, StoreArchiveManifest } from '../../../shared/central/store-archive-api';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { Database as EdgeDatabase } from '../../store/database';
import type { CentralEndpoint } from '../../sync/central-client';
import { OutboxStore } from '../../sync/outbox-store';
import type { FoodSafetyReportSource } from '../food-safety/report/report-source';
import { writeClosingArchive } from './closing-archive';
import { ClosingClient } from './closing-client';
import { ClosingRefusedError } from './closing-errors';
import { ClosingRecords } from './closing-record';
import { type RevocationReport, revokeEveryCredential } from './credential-revocation';
import { confirmFinalSync, type FinalSync } from './final-sync';

export interface StoreClosingDeps {
  db: EdgeDatabase;
  config: StoreConfig;
  dataDir: string;
  central: CentralEndpoint | undefined;
  clock: Clock;
  logger: Logger;
  foodSafety?: FoodSafetyReportSource | undefined;
  /** where the archive is written; `<data>/closing-archive` by default (a wipe removes it with the rest) */
  archiveDir?: string | undefined;
  timeoutMs?: number | undefined;
}

export interface ClosingReport {
  sync: FinalSync;
  revoked: RevocationReport;
  archiveDir: string;
  manifest: StoreArchiveManifest;
  ack: StoreArchiveAck;
  closedAt: number;
}

/** The outbox seq and pending rows in the archive's own copy of the database. */
function seqInBackup(path: string): { seq: number; pending: number } {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const seq = copy.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as
      | { seq: number }
      | undefined;
    const pending = copy.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
    return { seq: seq?.seq ?? 0, pending: pending.n };
  } finally {
    copy.close();
  }
}

/**
 * Closes the store on this box, each step refusing to go on until the one before holds:
 * 1. the store is `closing` at central (regional operations moved it), and the final sync
 *    is confirmed: the outbox empty and central holding the last seq the box handed out;
 * 2. every credential revoked (devices, POS and other integrations, displays, claim keys),
 *    so nothing new comes in (the box's own minute log still closes each minute);
 * 3. the archive written, and its database copy checked to end at the confirmed seq (a
 *    record that slipped in between refuses the run: run it again once it is sent);
 * 4. every file streamed to central, which answers the SHA-256 it computed; the manifest
 *    committed only when central verified every file; then the box's last seq checked
 *    again, so nothing recorded meanwhile is left out (refused: run again);
 * 5. central asked to move the store to `closed`, which kills the store token.
 * Every step is recorded in `store_closing`; running again after a refusal resumes.
 */
export async function closeStore(deps: StoreClosingDeps): Promise<ClosingReport> {
  const log = deps.logger.child({ ns: 'edge.closing' });
  if (!deps.central)
    throw new ClosingRefusedError(
      'NO_CENTRAL',
      'closing needs central: give --central-url and the store token',
    );
  const storeId = deps.config.store.id;
  const client = new ClosingClient(deps.central, storeId, deps.timeoutMs ?? 120_000);
  const records = new ClosingRecords(deps.db);
  const before = records.read();
  if (before?.closedAt != null)
    throw new ClosingRefusedError(
      'ALREADY_CLOSED',
      `store ${storeId} was closed on ${new Date(before.closedAt).toISOString()}; wipe the box with \`galley store wipe\``,
    );
  records.start(deps.clock.now());

  const status = await client.status();
  if (status.state !== 'closing')
    throw new ClosingRefusedError(
      'NOT_CLOSING',
      `store ${storeId} is ${status.state} at central; regional operations move it to closing first`,
    );
  const sync = confirmFinalSync(deps.db, status.highestSeq);
  records.record({ step: 'synced', finalSeq: sync.finalSeq, centralSeq: sync.centralSeq });
  log.info(sync, 'final sync confirmed');

  const revoked = revokeEveryCredential(deps.db, deps.config, deps.clock, 'store closing');
  records.record({ step: 'revoked', at: deps.clock.now() });
  log.info(
    {
      devices: revoked.devices.length,
      integrations: revoked.integrations,
      displays: revoked.displays.length,
    },
    'credentials revoked',
  );

  const archiveDir = deps.archiveDir ?? join(deps.dataDir, 'closing-archive');
  const manifest = await writeClosingArchive({
    db: deps.db,
    storeId,
    dir: archiveDir,
    now: deps.clock.now(),
    sync,
    foodSafety: deps.foodSafety,
  });
  const inCopy = seqInBackup(join(archiveDir, 'store.sqlite'));
  if (inCopy.seq !== sync.finalSeq || inCopy.pending > 0)
    throw new ClosingRefusedError(
      'FINAL_SYNC_INCOMPLETE',
      `records arrived after the final sync (the archive's copy ends at seq ${inCopy.seq} with ${inCopy.pending} unsent, ` +
        `central confirmed ${sync.finalSeq}); credentials are revoked now: run the closing again once they are sent`,
      { finalSeq: sync.finalSeq, archiveSeq: inCopy.seq },
    );

  for (const file of manifest.files) {
    const ack = await client.uploadFile(join(archiveDir, file.name), file.name);
    if (ack.sha256 !== file.sha256 || ack.bytes !== file.bytes)
      throw new ClosingRefusedError(
        'ARCHIVE_NOT_CONFIRMED',
        `${file.name}: central computed ${ack.sha256} (${ack.bytes} bytes), the box ${file.sha256} (${file.bytes}); run again`,
      );
  }
  const ack = await client.commit(manifest);
  records.record({ step: 'archived', dir: archiveDir, ack, at: deps.clock.now() });
  log.info(
    { files: ack.files.length, size: ack.size, retentionUntil: ack.retentionUntil },
    'archive verified',
  );

  // The box's own records (the food-safety minute log closes every minute, device or not)
  // may have gone on while the archive was made and sent: the archive must be the last word.
  const after = new OutboxStore(deps.db).highestSeq();
  if (after !== sync.finalSeq)
    throw new ClosingRefusedError(
      'FINAL_SYNC_INCOMPLETE',
      `the box recorded up to seq ${after} while the archive (through seq ${sync.finalSeq}) was sent: ` +
        'run the closing again; it archives those too',
      { finalSeq: sync.finalSeq, boxSeq: after },
    );

  const closed = await client.complete();
  records.record({ step: 'closed', at: closed.at });
  log.info({ at: closed.at }, 'store closed at central');
  return { sync, revoked, archiveDir, manifest, ack, closedAt: closed.at };
}
