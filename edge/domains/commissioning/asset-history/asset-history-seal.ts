import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  type AssetHistoryBody,
  AssetHistoryBody as AssetHistoryBodySchema,
  type AssetHistoryDocument,
  AssetHistoryDocument as AssetHistoryDocumentSchema,
} from '../../../../shared/asset-history/asset-history-document';
import { canonicalJson } from '../../../../shared/asset-history/canonical-json';
import { AssetHistoryError } from './asset-history-errors';

export function digestOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The document as it is written to the file: the body checked against its bounds, then sealed. */
export function sealAssetHistory(body: AssetHistoryBody): AssetHistoryDocument {
  const checked = AssetHistoryBodySchema.safeParse(body);
  // A record on the box outside the document's bounds is named rather than carried silently.
  if (!checked.success)
    throw new AssetHistoryError(
      'invalid_document',
      `asset history not written:\n  ${problemsOf(checked.error)}`,
    );
  return { body: checked.data, sha256: digestOf(checked.data) };
}

function problemsOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('\n  ');
}

/**
 * Reads a document from its file text and checks it twice: the shape and bounds (every
 * problem with its path), then the seal over the body exactly as written in the file, so
 * any change after export (an amount, a date, a ticket left out) is refused.
 */
export function openAssetHistory(text: string): AssetHistoryDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AssetHistoryError('not_json', `not an asset history: ${(error as Error).message}`);
  }
  const parsed = AssetHistoryDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AssetHistoryError('invalid_document', `asset history refused:\n  ${problemsOf(parsed.error)}`);
  }
  // The seal covers the body as the file holds it, not as parsed: a key slipped into a
  // nested object that parsing would drop still breaks the seal.
  const actual = digestOf((raw as { body: unknown }).body);
  if (actual !== parsed.data.sha256)
    throw new AssetHistoryError(
      'tampered',
      `asset history refused: its content does not match its SHA-256 seal (sealed ${parsed.data.sha256}, content ${actual}); it was changed after export`,
    );
  return parsed.data;
}
