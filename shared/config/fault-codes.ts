import { z } from 'zod';
import { LocalizedText } from './localized-text';
import { Severity } from './rules';

/** One entry of a maker's fault-code table, as staff should see it. */
export const FaultCode = z.strictObject({
  title: LocalizedText,
  severity: Severity,
  hint: LocalizedText.optional().describe('what staff should do'),
});
export type FaultCode = z.infer<typeof FaultCode>;

/** Keyed by the code exactly as the equipment sends it on its event topic. */
export const FaultCodeTable = z.record(z.string().min(1).max(64), FaultCode);
export type FaultCodeTable = z.infer<typeof FaultCodeTable>;
