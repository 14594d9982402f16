import { z } from 'zod';
import { SessionRequest } from './session';

/**
 * Kitchen display pairing. The board itself needs no credential; a display that
 * should let people act (acknowledge, sign off, report) pairs once: it shows a short
 * code, a manager confirms the code with their PIN, and the display keeps a
 * long-lived credential that only a manager can revoke.
 */

/** The request header a paired display sends its credential in, next to a person's bearer token. */
export const DISPLAY_CREDENTIAL_HEADER = 'x-galley-display';

/** `gdc_<display id>.<secret>`: the id finds the row, the secret (stored as a hash) proves it. */
export const DISPLAY_CREDENTIAL_PATTERN = /^gdc_([a-f0-9]{16})\.([A-Za-z0-9_-]{43})$/;

export const DisplayId = z.string().regex(/^[a-f0-9]{16}$/, 'a display id is 16 hex digits');

export const PairingCode = z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits');

export const DisplayView = z.object({
  id: DisplayId,
  name: z.string(),
  /** the manager who confirmed the pairing (or `demo` for the display `npm start` pairs itself) */
  pairedBy: z.string(),
  pairedAt: z.number().int(),
  /** last request the credential came with, to the minute; null until used */
  lastSeenAt: z.number().int().nullable(),
  /** `awaiting_screen`: issued as a one-time link that no screen has opened yet */
  state: z.enum(['paired', 'awaiting_screen']),
});
export type DisplayView = z.infer<typeof DisplayView>;

export const DisplayList = z.array(DisplayView);
export type DisplayList = z.infer<typeof DisplayList>;

/** What a display asking to be paired gets: the code to show, and the secret only it may claim with. */
export const PairingStarted = z.object({
  pairingId: z.string(),
  code: PairingCode,
  /** only the display that asked knows it, so reading the code off the screen does not get the credential */
  claimSecret: z.string(),
  expiresAt: z.number().int(),
});
export type PairingStarted = z.infer<typeof PairingStarted>;

export const PairingClaimRequest = z.object({
  pairingId: z.string().min(1).max(64),
  claimSecret: z.string().min(1).max(128),
});
export type PairingClaimRequest = z.infer<typeof PairingClaimRequest>;

/** The credential, handed out once, to the display that claims it. */
export const DisplayPaired = z.object({
  credential: z.string().regex(DISPLAY_CREDENTIAL_PATTERN),
  display: DisplayView,
});
export type DisplayPaired = z.infer<typeof DisplayPaired>;

export const PairingClaim = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting'), expiresAt: z.number().int() }),
  DisplayPaired.extend({ status: z.literal('paired') }),
]);
export type PairingClaim = z.infer<typeof PairingClaim>;

export const PairingConfirmParams = z.object({ code: PairingCode });

/** A manager's user and PIN, and optionally what to call the display in the list. */
export const PairingConfirmRequest = SessionRequest.extend({
  name: z.string().trim().min(1).max(64).optional(),
});
export type PairingConfirmRequest = z.infer<typeof PairingConfirmRequest>;

export const PairingConfirmed = z.object({ code: PairingCode, name: z.string(), confirmedBy: z.string() });
export type PairingConfirmed = z.infer<typeof PairingConfirmed>;

/** A one-time link ticket (`#pair=…`) made on the box itself, e.g. by `npm start`. */
export const PairingTicketRequest = z.object({ ticket: z.string().min(1).max(128) });
export type PairingTicketRequest = z.infer<typeof PairingTicketRequest>;

/** Whether the credential the request came with is a paired display's. */
export const DisplaySelf = z.object({ paired: z.boolean(), display: DisplayView.optional() });
export type DisplaySelf = z.infer<typeof DisplaySelf>;
