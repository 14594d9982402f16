import type { StoreConfig } from '../../shared/config/store-config';
import { TlsMaterialError } from './certificate-authority';
import { TlsToolError } from './openssl';
import { commissionTls } from './store-tls';

export type DeviceRoot =
  | { file: string; fingerprintSha256: string }
  | { problem: string }
  /** TLS is off in the store config */
  | undefined;

/**
 * The root a device is given with its credentials, so it can verify the box on
 * 8883 from its first connection; a box not commissioned yet commissions here.
 * A failure is reported, not thrown: the device's secret is issued either way.
 */
export async function rootForDevices(dataDir: string, config: StoreConfig): Promise<DeviceRoot> {
  if (!config.tls.enabled) return undefined;
  try {
    const { paths, root } = await commissionTls({
      dataDir,
      storeId: config.store.id,
      settings: config.tls,
      now: Date.now(),
    });
    return { file: paths.rootCert, fingerprintSha256: root.certificate.fingerprintSha256 };
  } catch (err) {
    if (err instanceof TlsToolError || err instanceof TlsMaterialError) return { problem: err.message };
    throw err;
  }
}
