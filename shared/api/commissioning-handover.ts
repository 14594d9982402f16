import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { ChecklistItemId, CommissioningChecklist } from './commissioning';

/**
 * The commissioning handover: the report of what was installed and proven (PDF and CSV),
 * and the one signature that hands the store over. The signature goes to central as
 * `commissioning.handover`, where a store still in `commissioning` opens on it.
 */
export const COMMISSIONING_HANDOVER_EVENT = 'commissioning.handover';

export const HANDOVER_ROUTES = {
  pdf: '/api/commissioning/handover.pdf',
  csv: '/api/commissioning/handover.csv',
  sign: '/api/commissioning/handover/sign',
  status: '/api/commissioning/handover',
} as const;

export const HandoverReportQuery = z.object({ lang: z.enum(['en', 'zh-CN']).default('zh-CN') }).strict();
export type HandoverReportQuery = z.infer<typeof HandoverReportQuery>;

export const HandoverSignRequest = z
  .object({
    user: z.string().min(1).max(64).describe('the manager or admin signing, with their PIN'),
    pin: z.string().min(4).max(8),
    overrideReason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('admins only: sign although checklist items are open, and why'),
  })
  .strict();
export type HandoverSignRequest = z.infer<typeof HandoverSignRequest>;

export const HandoverSignature = z.object({
  storeId: z.string(),
  signedBy: z.string().describe('user id'),
  signerName: z.string(),
  role: z.string().describe('the role the signer signed as (manager or admin)'),
  signedAt: z.number().int(),
  complete: z.boolean().describe('every checklist item was complete when signed'),
  overrideReason: z.string().nullable(),
  openItems: z.array(ChecklistItemId).describe('items still open when signed (only with an override)'),
  checklistSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HandoverSignature = z.infer<typeof HandoverSignature>;

/** What the box keeps and reports: the signature with the checklist it was signed on. */
export const SignedHandover = HandoverSignature.extend({ checklist: CommissioningChecklist });
export type SignedHandover = z.infer<typeof SignedHandover>;

/** The 409 answer while items are open: each listed, in both languages. */
export const HandoverRefused = z.object({
  error: z.string(),
  message: z.string(),
  messages: LocalizedText,
  openItems: z.array(z.object({ id: ChecklistItemId, title: LocalizedText, progress: LocalizedText })),
});
export type HandoverRefused = z.infer<typeof HandoverRefused>;

/** The outbox payload of `commissioning.handover`: the signature, not the whole checklist. */
export const HandoverEventPayload = HandoverSignature;
export type HandoverEventPayload = z.infer<typeof HandoverEventPayload>;

/** A unit's test alarm as the handover reports it: raised at the box, known at central. */
export const HandoverTestAlarm = z.object({
  equipmentId: z.string(),
  raisedAt: z.number().int().nullable().describe("the unit's oldest alarm, null before one was raised"),
  seenAt: z.number().int().nullable().describe('when the box knew central had it, null until then'),
  roundTripS: z.number().nonnegative().nullable(),
});
export type HandoverTestAlarm = z.infer<typeof HandoverTestAlarm>;

/** GET /api/commissioning/handover: the screen's view of the handover, without the files. */
export const HandoverStatus = z.object({
  signature: HandoverSignature.nullable().describe('null until signed'),
  testAlarms: z.array(HandoverTestAlarm),
});
export type HandoverStatus = z.infer<typeof HandoverStatus>;
