import { z } from 'zod';

/** A DNS name a tablet or device may use for the box (`galley-edge`, `edge.store-12.lan`). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** shared/ is bundled for the browser too, so no node:net here; URL parsing knows IPv6. */
function isIpv6(value: string): boolean {
  if (!value.includes(':')) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export const TlsHostname = z
  .string()
  .refine(
    (value) => (/^[\d.]+$/.test(value) ? IPV4.test(value) : isIpv6(value) || HOST_NAME.test(value)),
    'a host name (letters, digits, "-" and ".") or an IP address',
  );

/**
 * Encryption on the store LAN: the box's own certificate authority signs a server
 * certificate for MQTT over TLS and HTTPS/WSS. Plain ports stay on by default so
 * devices commissioned before TLS keep working; turn them off once every device
 * trusts the store's root.
 */
export const TlsSettings = z
  .strictObject({
    enabled: z.boolean().default(true).describe('serve MQTT over TLS and HTTPS/WSS with the store CA'),
    plainMqtt: z.boolean().default(true).describe('also serve MQTT without TLS on the plain MQTT port'),
    plainHttp: z
      .boolean()
      .default(true)
      .describe('also serve the API, display and /mqtt without TLS on the plain HTTP port'),
    hostnames: z
      .array(TlsHostname)
      .default([])
      .describe(
        'names and addresses clients use for the box, put in its server certificate besides localhost, 127.0.0.1 and its own IPv4 addresses',
      ),
    serverValidityDays: z
      .number()
      .int()
      .min(2)
      .max(397)
      .default(397)
      .describe('lifetime of the server certificate (tablets refuse longer ones)'),
    renewBeforeDays: z
      .number()
      .int()
      .min(1)
      .max(180)
      .default(30)
      .describe('the server certificate is re-issued this long before it expires'),
  })
  .superRefine((tls, ctx) => {
    if (!tls.enabled && (!tls.plainMqtt || !tls.plainHttp)) {
      ctx.addIssue({
        code: 'custom',
        path: [tls.plainMqtt ? 'plainHttp' : 'plainMqtt'],
        message: 'with tls.enabled false the plain ports are the only ones: they cannot be off too',
      });
    }
    if (tls.renewBeforeDays >= tls.serverValidityDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewBeforeDays'],
        message: `must be shorter than serverValidityDays (${tls.serverValidityDays})`,
      });
    }
  })
  .default({
    enabled: true,
    plainMqtt: true,
    plainHttp: true,
    hostnames: [],
    serverValidityDays: 397,
    renewBeforeDays: 30,
  });
export type TlsSettings = z.infer<typeof TlsSettings>;
