import { MAX_BATCHES_MADE } from '../../../../shared/api/stock';

export type BatchCountProblem = 'empty' | 'notANumber' | 'notWhole' | 'zero' | 'tooMany';

export type ParsedBatchCount = { ok: true; value: number } | { ok: false; problem: BatchCountProblem };

/**
 * Batches as typed on the pad: whole ones, 1 to the most the edge takes at once, said
 * before anything is sent. Part of a batch is a quantity, which the edge also takes but a
 * kitchen making sauce does not type.
 */
export function parseBatchCount(text: string): ParsedBatchCount {
  const typed = text.trim().replace(',', '.');
  if (typed === '') return { ok: false, problem: 'empty' };
  if (!/^-?\d+(?:\.\d*)?$/.test(typed)) return { ok: false, problem: 'notANumber' };
  const value = Number(typed);
  if (!Number.isInteger(value)) return { ok: false, problem: 'notWhole' };
  if (value < 1) return { ok: false, problem: 'zero' };
  if (value > MAX_BATCHES_MADE) return { ok: false, problem: 'tooMany' };
  return { ok: true, value };
}
