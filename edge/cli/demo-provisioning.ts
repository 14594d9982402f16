import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../runtime/clock';
import { CredentialError, DeviceCredentials } from '../store/credentials-store';
import type { Database } from '../store/database';

export const SIM_CREDENTIALS_FILE = 'sim-credentials.json';

/**
 * Gives every MQTT device of the store a fresh secret and writes them where the
 * simulator reads them. Only for the demo: a real device keeps its secret, and the
 * edge never stores secrets in the clear.
 */
export function provisionSimulatedDevices(
  config: StoreConfig,
  db: Database,
  clock: Clock,
  dataDir: string,
): string {
  const credentials = new DeviceCredentials({ db, clock });
  const secrets: Record<string, string> = {};
  for (const equipment of config.equipment) {
    if (equipment.protocol !== 'mqtt') continue;
    try {
      secrets[equipment.id] = credentials.rotate(equipment.id);
    } catch (err) {
      if (!(err instanceof CredentialError) || err.code !== 'CREDENTIAL_NOT_FOUND') throw err;
      secrets[equipment.id] = credentials.add(equipment.id);
    }
  }
  const file = join(dataDir, SIM_CREDENTIALS_FILE);
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
