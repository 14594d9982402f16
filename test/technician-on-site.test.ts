import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';

describe('technician on site', () => {
  let app: EdgeApp;
  let dataDir: string;
  let base: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-visit-'));
    const config = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));
    app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
    });
    const { httpPort } = await app.start();
    base = `http://127.0.0.1:${httpPort}`;
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(user: string, pin: string): Promise<string> {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, pin }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  function visit(token: string, equipmentId: string, minutes: number) {
    return fetch(`${base}/api/equipment/${equipmentId}/technician-on-site`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ minutes }),
    });
  }

  it('a technician starts and ends a visit, and the rule engine applies it', async () => {
    const tech = await login('tech-wang', '3333');
    const before = Date.now();
    const started = await visit(tech, 'wic-1', 30);
    expect(started.status).toBe(200);
    const { until } = (await started.json()) as { until: number };
    expect(until).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(app.rules.technicianOnSiteUntil('wic-1')).toBe(until);

    const ended = await visit(tech, 'wic-1', 0);
    expect(await ended.json()).toEqual({ equipmentId: 'wic-1', until: null });
    expect(app.rules.technicianOnSiteUntil('wic-1')).toBeNull();
  });

  it('refuses staff, unknown equipment and visits longer than 12 hours', async () => {
    const staff = await login('staff-chen', '1111');
    expect((await visit(staff, 'wic-1', 30)).status).toBe(403);
    const tech = await login('tech-wang', '3333');
    expect((await visit(tech, 'no-such', 30)).status).toBe(404);
    expect((await visit(tech, 'wic-1', 13 * 60)).status).toBe(400);
    expect(app.rules.technicianOnSiteUntil('wic-1')).toBeNull();
  });
});
