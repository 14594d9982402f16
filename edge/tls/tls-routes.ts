import { z } from 'zod';
import { notFound } from '../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../api/edge-route';
import type { CertificateInfo } from './certificate-info';

const CertificateView = z.object({
  subject: z.string(),
  fingerprintSha256: z.string().describe('SHA-256 of the certificate, as a tablet shows it when installing'),
  spkiSha256: z.string().describe('base64 SHA-256 of the public key (for pinning)'),
  notBefore: z.number().int().describe('epoch ms'),
  notAfter: z.number().int().describe('epoch ms'),
  altNames: z.array(z.string()),
});

export const TlsView = z.object({
  enabled: z.boolean(),
  root: CertificateView.omit({ altNames: true })
    .extend({ url: z.literal('/api/tls/root.pem') })
    .optional()
    .describe('the store CA to install on tablets and devices'),
  server: CertificateView.optional().describe("the box's certificate, signed by the root"),
  mqttsPort: z.number().int().optional(),
  httpsPort: z.number().int().optional(),
});
export type TlsView = z.infer<typeof TlsView>;

export interface TlsRoutesDeps {
  /** undefined while TLS is off in the store config */
  tls: () => { root: CertificateInfo; server: CertificateInfo } | undefined;
  ports: () => { mqttsPort?: number; httpsPort?: number };
}

function view({ pem: _pem, serialNumber: _serial, ...info }: CertificateInfo) {
  return info;
}

/** The store root is a public certificate: anyone on the LAN may fetch it to trust the box. */
export function tlsRoutes(deps: TlsRoutesDeps): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tls',
      summary: 'Encryption on the store LAN: the store root CA and the server certificate, with fingerprints',
      tags: ['tls'],
      access: 'public',
      response: TlsView,
      handler: () => {
        const tls = deps.tls();
        if (!tls) return { enabled: false };
        const { altNames: _altNames, ...root } = view(tls.root);
        return {
          enabled: true,
          root: { ...root, url: '/api/tls/root.pem' as const },
          server: view(tls.server),
          ...deps.ports(),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tls/root.pem',
      summary: 'The store root CA certificate (PEM), to install on tablets and devices',
      tags: ['tls'],
      access: 'public',
      response: z.string(),
      // The type tablets offer to install as a CA certificate (PEM is accepted under it).
      contentType: 'application/x-x509-ca-cert',
      errors: [404],
      handler: () => {
        const tls = deps.tls();
        if (!tls) throw notFound('TLS is off in the store config (tls.enabled)');
        return tls.root.pem;
      },
    }),
  ];
}
