import type { StoreConfig } from '../../../shared/config/store-config';
import type { Clock } from '../../../shared/server/runtime/clock';
import { DeviceCredentials } from '../../store/credentials-store';
import type { Database } from '../../store/database';
import { DisplayCredentials } from '../displays/display-credentials';
import { RevokedIntegrations } from './revoked-integrations';

/**
 * What is refused after the run: every device and integration client (also those a run
 * before this one revoked, so a resumed run still lists them), and the displays and claim
 * keys this run revoked (a revoked display is gone, a claim key counted).
 */
export interface RevocationReport {
  devices: string[];
  integrations: string[];
  displays: string[];
  claimKeys: number;
}

/**
 * Every credential the box honours, revoked in one transaction: device secrets (MQTT),
 * integration clients (POS over HTTP and MQTT), paired kitchen displays and unexpired claim
 * keys. A connect or post after this is refused; running it again changes nothing.
 */
export function revokeEveryCredential(
  db: Database,
  config: StoreConfig,
  clock: Clock,
  reason: string,
): RevocationReport {
  const devices = new DeviceCredentials({ db, clock });
  const displays = new DisplayCredentials({ db, clock });
  const integrations = new RevokedIntegrations(db);
  return db.transaction(() => {
    const now = clock.now();
    const report: RevocationReport = { devices: [], integrations: [], displays: [], claimKeys: 0 };
    for (const device of devices.list()) {
      if (device.state === 'active') devices.revoke(device.equipmentId);
      report.devices.push(device.equipmentId);
    }
    for (const client of config.integrations) {
      integrations.revoke(client.username, now, reason);
      report.integrations.push(client.username);
    }
    for (const display of displays.list()) if (displays.revoke(display.id)) report.displays.push(display.id);
    report.claimKeys = db
      .prepare('UPDATE claim_keys SET revoked_at = ? WHERE revoked_at IS NULL')
      .run(now).changes;
    return report;
  })();
}
