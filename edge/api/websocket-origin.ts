import type { IncomingMessage } from 'node:http';

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a WebSocket upgrade may proceed, judged by its Origin header. Browsers always
 * send one, so a page from another site open on a tablet in the store (or a rebinding
 * DNS name) cannot reach the broker through the visitor's browser: its Origin names
 * another host than the one it asks (Host). Devices and tools (mqtt.js on Node,
 * firmware) send no Origin and authenticate with their credentials as on TCP.
 */
export function judgeWebSocketOrigin(req: IncomingMessage): OriginVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) return { ok: true };
  const host = req.headers.host;
  if (!host) return { ok: false, reason: 'an Origin without a Host header' };
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, reason: `Origin ${origin} is not a web page` };
    }
    originHost = url.host;
  } catch {
    return { ok: false, reason: `Origin ${JSON.stringify(origin.slice(0, 100))} is not a URL` };
  }
  // URL.host drops the default port, so the Host header is read the same way.
  if (normalHost(host, origin) === originHost.toLowerCase()) return { ok: true };
  return { ok: false, reason: `Origin ${origin} is not this server (${host})` };
}

function normalHost(host: string, origin: string): string {
  const scheme = origin.startsWith('https:') ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}`).host.toLowerCase();
  } catch {
    return '';
  }
}
