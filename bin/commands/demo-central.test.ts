import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type Central, openCentral } from '../../cloud-sync/central/central-service';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { silentLogger } from '../../shared/server/runtime/logger';
import { demoRegionalManager, provisionDemoCentral } from './demo-central';

const config = loadStoreConfig(join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml'));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshCentral(): Promise<{ central: Central; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-demo-central-'));
  const central = await openCentral({ dataDir: join(dataDir, 'central'), logger: silentLogger() });
  cleanups.push(async () => {
    await central.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { central, dataDir };
}

it('registers the demo store and its regional manager, and keeps the token across restarts', async () => {
  const { central, dataDir } = await freshCentral();
  const token = await provisionDemoCentral(central, config, dataDir);
  expect(await central.tokens.verify(token)).toMatchObject({ storeId: config.store.id });
  expect(readFileSync(join(dataDir, 'central-store-token'), 'utf8').trim()).toBe(token);
  expect(statSync(join(dataDir, 'central-store-token')).mode & 0o077).toBe(0);

  // A second run finds everything in place and reuses the token.
  expect(await provisionDemoCentral(central, config, dataDir)).toBe(token);
  expect(await central.tokens.list(config.store.id)).toHaveLength(1);
  const manager = demoRegionalManager(config);
  const session = await central.users.login(manager.username, manager.password);
  expect(session).toMatchObject({ role: 'regional_manager', regionId: config.store.region });
});

it('issues a new token when central revoked the saved one', async () => {
  const { central, dataDir } = await freshCentral();
  const first = await provisionDemoCentral(central, config, dataDir);
  const [info] = await central.tokens.list(config.store.id);
  await central.tokens.revoke(info!.tokenId);
  const second = await provisionDemoCentral(central, config, dataDir);
  expect(second).not.toBe(first);
  expect(await central.tokens.verify(second)).toMatchObject({ storeId: config.store.id });
});
