import { z } from 'zod';
import { HASH_FORMAT_HINT } from './users';

export const AclAccess = z.enum(['read', 'write', 'readwrite', 'deny']);
export type AclAccess = z.infer<typeof AclAccess>;

/** Like a Mosquitto ACL line: the first rule whose pattern matches decides; no match means deny. */
export const AclRule = z.strictObject({
  topic: z
    .string()
    .min(1)
    .describe('MQTT topic filter; `%s` is replaced by the store id')
    .refine((t) => !/#./.test(t) && !/[^/]\+|\+[^/]/.test(t), 'wildcards must fill a whole level'),
  access: AclAccess,
});
export type AclRule = z.infer<typeof AclRule>;

/** HTTP roles an integration can hold; the MQTT side is its `acl`. */
export const IntegrationApiRole = z.enum(['pos']);
export type IntegrationApiRole = z.infer<typeof IntegrationApiRole>;

export const IntegrationClient = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'use a-z, 0-9, "-", "_"')
    .describe('must not collide with an equipment id'),
  description: z.string().optional(),
  secretHash: z.string().regex(/^(scrypt|sha256)\$/, HASH_FORMAT_HINT),
  acl: z.array(AclRule).min(1),
  apiRoles: z
    .array(IntegrationApiRole)
    .default([])
    .describe('what it may call over HTTP with Basic credentials: `pos` posts orders to /api/pos/orders'),
});
export type IntegrationClient = z.infer<typeof IntegrationClient>;
