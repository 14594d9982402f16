import type { Database } from '../../store/database';
import { OutboxStore } from '../../sync/outbox-store';
import { SetAsideStore } from '../../sync/set-aside-store';
import { ClosingRefusedError } from './closing-errors';

/** The final sync as both sides see it: the last seq the box handed out and the highest central holds. */
export interface FinalSync {
  finalSeq: number;
  centralSeq: number;
  lastAckedSeq: number;
}

/**
 * Confirms nothing is left to send: the outbox is empty, no event is set aside (refused by
 * central and waiting for a fix), and central holds the last seq the box handed out. Throws
 * a ClosingRefusedError saying what is left otherwise; the edge daemon keeps sending.
 */
export function confirmFinalSync(db: Database, centralSeq: number): FinalSync {
  const outbox = new OutboxStore(db);
  const finalSeq = outbox.highestSeq();
  const { lastAckedSeq } = outbox.cursor();
  const backlog = outbox.backlog();
  const setAside = new SetAsideStore(db).held();
  const problems: string[] = [];
  const waiting = backlog.high + backlog.low;
  if (waiting > 0)
    problems.push(
      `${waiting} event(s) still in the outbox (${backlog.high} records, ${backlog.low} rollups): keep the edge running until they are sent`,
    );
  if (setAside > 0)
    problems.push(`${setAside} event(s) set aside after central refused them: see GET /api/sync/set-aside`);
  // Strict on purpose: an archive that stops short of central's copy, or central's copy short
  // of the archive, is exactly the loss closing must rule out.
  if (centralSeq < finalSeq)
    problems.push(
      `central holds up to seq ${centralSeq}, the box handed out up to ${finalSeq} (acknowledged ${lastAckedSeq})`,
    );
  if (problems.length > 0)
    throw new ClosingRefusedError(
      'FINAL_SYNC_INCOMPLETE',
      `final sync not confirmed: ${problems.join('; ')}`,
      {
        finalSeq,
        centralSeq,
      },
    );
  return { finalSeq, centralSeq, lastAckedSeq };
}
