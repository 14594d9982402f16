import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CentralService } from '../../cloud-sync/central/central-service';
import {
  alarmView as kitAlarmView,
  ticketView as kitTicketView,
} from '../../cloud-sync/central/testing/central-test-kit';
import type { AlarmView } from '../../shared/api/alarms';
import type { TicketView } from '../../shared/api/tickets';
import { createRootLogger, silentLogger } from '../../shared/server/runtime/logger';
import {
  SYNC_ROUTES,
  type SyncBatch,
  type SyncBatchAck,
  type SyncEvent,
} from '../../shared/sync/sync-protocol';

const ROOT = join(import.meta.dirname, '..', '..');

/** Builds the regional page the way `npm run build` does, into a temp folder of this test run. */
export async function buildCentralWeb(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'galley-central-web-'));
  await build({
    configFile: join(ROOT, 'cloud-sync', 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** The real central service (SQLite in a temp dir, port 0) serving the built page. */
export class WebCentral {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  readonly service: CentralService;

  constructor(webDir: string) {
    this.service = new CentralService({
      dataDir: this.dataDir,
      port: 0,
      webDir,
      adminPassword: 'admin-password-1',
      logger: process.env.GALLEY_TEST_LOG
        ? createRootLogger('galley-central', process.env.GALLEY_TEST_LOG)
        : silentLogger(),
    });
  }

  get base(): string {
    return this.service.url;
  }

  async start(): Promise<void> {
    await this.service.start();
  }

  async dispose(): Promise<void> {
    await this.service.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A store in a region (made if new) and the token its edge syncs with. */
  async addStore(id: string, name: string, regionId: string): Promise<string> {
    await this.service.central.directory.addStore({ id, name, regionId, state: 'open' });
    return (await this.service.central.tokens.issue(id)).token;
  }

  async postBatch(token: string, batch: SyncBatch): Promise<SyncBatchAck> {
    const res = await fetch(`${this.base}${SYNC_ROUTES.batches}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (!res.ok) throw new Error(`sync batch answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as SyncBatchAck;
  }
}

const COOLER_FAULT = {
  equipmentId: 'cooler-1',
  title: { en: 'Walk-in cooler too warm', 'zh-CN': '冷库温度过高' },
} as const;

export function alarmView(id: number, raisedAt: number, overrides: Partial<AlarmView> = {}): AlarmView {
  return kitAlarmView({
    ...COOLER_FAULT,
    id,
    rule: 'cooler-too-warm',
    hint: { en: 'Check the door and the compressor.', 'zh-CN': '检查库门和压缩机。' },
    raisedAt,
    raisedValue: 9.4,
    lastValue: 9.4,
    lastNotifiedAt: raisedAt,
    updatedAt: raisedAt,
    ...overrides,
  });
}

export function ticketView(id: number, openedAt: number, alarmIds: number[]): TicketView {
  return kitTicketView({
    ...COOLER_FAULT,
    id,
    fault: 'cooler-too-warm',
    openedAt,
    alarmIds,
    updatedAt: openedAt,
  });
}

export function alarmEvent(seq: number, change: string, alarm: AlarmView, ts = alarm.updatedAt): SyncEvent {
  return { seq, ts, type: `alarm.${change}`, entityId: String(alarm.id), payload: alarm };
}

export function ticketOpened(seq: number, ticket: TicketView): SyncEvent {
  return { seq, ts: ticket.openedAt, type: 'ticket.opened', entityId: String(ticket.id), payload: ticket };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile (so a fresh sessionStorage and language). */
export async function openPage(url: string, viewport: { width: number; height: number }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'galley-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
