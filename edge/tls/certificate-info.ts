import { createHash, X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  pem: string;
  subject: string;
  /** SHA-256 of the DER certificate, colon-separated hex as browsers and `openssl x509 -fingerprint` show it */
  fingerprintSha256: string;
  /** base64 SHA-256 of the public key (SPKI), what Chromium's `--ignore-certificate-errors-spki-list` and HPKP-style pins take */
  spkiSha256: string;
  serialNumber: string;
  notBefore: number;
  notAfter: number;
  /** `DNS:…` and `IP:…` entries, normalised for comparison */
  altNames: string[];
}

export function describeCertificate(pem: string): CertificateInfo {
  const cert = new X509Certificate(pem);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    pem,
    subject: cert.subject.replace(/\n/g, ', '),
    fingerprintSha256: cert.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    serialNumber: cert.serialNumber,
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
    altNames: parseAltNames(cert.subjectAltName),
  };
}

/** Node prints `DNS:localhost, IP Address:127.0.0.1`; IPv6 addresses in their long form. */
function parseAltNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((entry) => {
      if (entry.startsWith('DNS:')) return altName(entry.slice(4));
      if (entry.startsWith('IP Address:')) return altName(entry.slice('IP Address:'.length));
      return entry;
    })
    .filter((entry) => entry !== '');
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** One spelling per name: `DNS:edge.lan`, `IP:10.0.0.5`, `IP:fe80::1`. */
export function altName(hostOrIp: string): string {
  if (IPV4.test(hostOrIp)) return `IP:${hostOrIp}`;
  if (hostOrIp.includes(':')) {
    try {
      return `IP:${new URL(`http://[${hostOrIp}]/`).hostname.slice(1, -1)}`;
    } catch {
      return `IP:${hostOrIp.toLowerCase()}`;
    }
  }
  return `DNS:${hostOrIp.toLowerCase()}`;
}
