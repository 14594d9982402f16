/**
 * Multi-row statements are cut into pieces of this many rows, so that neither SQLite
 * (32 766 bind parameters) nor PostgreSQL (65 535) runs out with up to ~30 columns.
 */
export const ROWS_PER_STATEMENT = 1000;

/** Runs `statement` for consecutive pieces of `rows`, one after the other. */
export async function inPieces<T>(
  rows: readonly T[],
  statement: (piece: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await statement(rows.slice(i, i + ROWS_PER_STATEMENT));
}
