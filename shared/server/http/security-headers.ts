import type { FastifyInstance } from 'fastify';

/**
 * The pages the edge and central serve are their own built bundles: scripts, styles,
 * fonts and API calls all come from the same origin (the display's MQTT over
 * WebSocket too: CSP 3 lets 'self' match ws:/wss: on the same host). Nothing may frame
 * them (a framed kitchen display or login could be click-jacked into acknowledging an
 * alarm). Inline style attributes stay allowed because React renders some styles
 * inline; inline scripts do not.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every answer carries, page or API; JSON bodies get the same framing rule. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Adds SECURITY_HEADERS to every response of `app`, errors and static files included. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}
