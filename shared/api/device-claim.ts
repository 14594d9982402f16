import { z } from 'zod';
import { EquipmentId, SlugId } from '../ids';

/**
 * Device claim at commissioning: a sensor the installer powers connects with the
 * store's claim key as its MQTT password and `claim:<serial>` (optionally
 * `claim:<serial>:<model>`) as its username, subscribes to its claim reply topic
 * (`topics.claimReply`), and receives its equipment credentials there once — at once
 * when its serial is pre-registered in the config, else after a technician accepts it.
 */

/** A maker's serial number: printable, no spaces, no MQTT wildcards or level separators. */
export const DeviceSerial = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'use 3–64 of A-Z, a-z, 0-9, ".", "_", "-"');
export type DeviceSerial = z.infer<typeof DeviceSerial>;

export const DeviceModel = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1–64 of A-Z, a-z, 0-9, ".", "_", "-"');

/** The username prefix that marks a CONNECT as a claim rather than a provisioned device. */
export const CLAIM_USERNAME_PREFIX = 'claim:';

export const ClaimUsername = z
  .string()
  .startsWith(CLAIM_USERNAME_PREFIX)
  .transform((value, ctx) => {
    const [serial, model, ...extra] = value.slice(CLAIM_USERNAME_PREFIX.length).split(':');
    const s = DeviceSerial.safeParse(serial);
    const m = model === undefined ? undefined : DeviceModel.safeParse(model);
    if (!s.success || (m && !m.success) || extra.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'expected claim:<serial> or claim:<serial>:<model>' });
      return z.NEVER;
    }
    return { serial: s.data, model: m?.data };
  });
export type ClaimUsername = z.infer<typeof ClaimUsername>;

/** `gck_<storeId>.<secret>`: the store id says which store a key is for; the secret is 192 random bits. */
export const CLAIM_KEY_PREFIX = 'gck_';
export const ClaimKeyText = z
  .string()
  .max(200)
  .regex(/^gck_[a-z0-9][a-z0-9_-]{0,63}\.[A-Za-z0-9_-]{16,128}$/, 'expected gck_<storeId>.<secret>')
  .transform((text) => {
    const dot = text.indexOf('.');
    return { storeId: text.slice(CLAIM_KEY_PREFIX.length, dot), secret: text.slice(dot + 1) };
  });

/** Hours a claim key lives: long enough for an opening week, never forever. */
export const ClaimKeyHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 14);
export const DEFAULT_CLAIM_KEY_HOURS = 72;

/** What the box sends on the claim reply topic; the secret is the device's equipment secret. */
export const ClaimReply = z.strictObject({
  equipmentId: EquipmentId,
  secret: z.string().min(16).max(128),
});
export type ClaimReply = z.infer<typeof ClaimReply>;

export const ClaimState = z.enum(['pending', 'accepted', 'delivered', 'rejected']);
export type ClaimState = z.infer<typeof ClaimState>;

/** A claim as the technician sees it: no key, no secret. */
export const DeviceClaimView = z.object({
  serial: DeviceSerial,
  model: z.string().nullable(),
  state: ClaimState,
  /** set when pre-registered in the config or assigned on acceptance */
  equipmentId: z.string().nullable(),
  preRegistered: z.boolean(),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
  /** the address the claim came from, to find the unit on the floor */
  remoteAddress: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().int().nullable(),
  deliveredAt: z.number().int().nullable(),
  /** connected now and waiting for its reply */
  connected: z.boolean(),
});
export type DeviceClaimView = z.infer<typeof DeviceClaimView>;

export const DeviceClaimsQuery = z.strictObject({
  state: z.enum(['pending', 'all']).default('pending'),
});

export const DeviceClaimParams = z.strictObject({ serial: DeviceSerial });

export const DeviceClaimAccept = z.strictObject({ equipmentId: EquipmentId });
export type DeviceClaimAccept = z.infer<typeof DeviceClaimAccept>;

export const ClaimKeyView = z.object({
  id: z.number().int(),
  storeId: SlugId,
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
});
export type ClaimKeyView = z.infer<typeof ClaimKeyView>;
