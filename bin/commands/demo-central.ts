import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CentralError } from '../../cloud-sync/central/central-error';
import type { Central } from '../../cloud-sync/central/central-service';
import type { StoreConfig } from '../../shared/config/store-config';

/** Demo-only credentials for the local central service; printed by `npm start`. */
export const DEMO_CENTRAL_ADMIN = { username: 'admin', password: 'admin-demo' } as const;
export const demoRegionalManager = (config: StoreConfig) =>
  ({ username: `ops-${config.store.region}`, password: 'ops-demo-1' }) as const;

const TOKEN_FILE = 'central-store-token';

/** A region's name as its people say it; central keeps one string for both languages. */
const DEMO_REGION_NAMES: Record<string, string> = { 'east-china': '华东 East China' };

/** Tolerates what an earlier run already created: the demo's data survives restarts. */
async function unlessExists(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (!(err instanceof CentralError && err.code === 'CONFLICT')) throw err;
  }
}

/**
 * Registers the demo store (and a regional manager for its region) at the local
 * central service and returns the store token the edge syncs with. The token is kept
 * under the data directory, as an installer would leave it on a real box, and
 * reissued only when central no longer accepts it.
 */
export async function provisionDemoCentral(
  central: Central,
  config: StoreConfig,
  dataDir: string,
): Promise<string> {
  const { store } = config;
  // Named before its first store, which would otherwise name it by its id.
  await unlessExists(() =>
    central.directory.addRegion(store.region, DEMO_REGION_NAMES[store.region] ?? store.region),
  );
  await unlessExists(() =>
    central.directory.addStore({ id: store.id, name: store.name, regionId: store.region, state: 'open' }),
  );
  await unlessExists(() =>
    central.users.add({ ...demoRegionalManager(config), role: 'regional_manager', regionId: store.region }),
  );
  const tokenFile = join(dataDir, TOKEN_FILE);
  if (existsSync(tokenFile)) {
    const saved = readFileSync(tokenFile, 'utf8').trim();
    const caller = await central.tokens.verify(saved);
    if (caller && 'storeId' in caller && caller.storeId === store.id) return saved;
  }
  const { token } = await central.tokens.issue(store.id);
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  return token;
}
