import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { EdgeApp } from '../../edge/app/edge-app';
import { DisplayCredentials } from '../../edge/domains/displays/display-credentials';
import { PosOrderGenerator } from '../../firmware-sim/pos/order-generator';
import { createRng } from '../../firmware-sim/random';
import type { KdsTicketView } from '../../shared/api/kds';
import type { PosOrder, PosOrderSubmission } from '../../shared/api/orders';
import type { StoreConfig } from '../../shared/config/store-config';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO_CONFIG = join(ROOT, 'config', 'demo-store.yaml');
const SCREENS = ['grill', 'fry', 'prep', 'expo'] as const;
type Screen = (typeof SCREENS)[number];
const POS = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;
/** orders before these are not counted: the first POS call pays for checking its secret once */
const WARM_UP_ORDERS = 10;
/** after the last order, how long a screen has to show it before it counts as never seen */
const GRACE_MS = 10_000;

export interface KdsBenchOptions {
  /** how long orders arrive; default `GALLEY_KDS_BENCH_MINUTES` or 10 */
  minutes?: number;
  ordersPerMinute?: number;
  /** the kitchen bumps each ticket this long after it opened, so the screens hold a steady rush */
  bumpAfterS?: number;
  /** a line now and then while it runs */
  progress?: (line: string) => void;
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface KdsBenchFigure {
  minutes: number;
  ordersPerMinute: number;
  bumpAfterS: number;
  orders: number;
  refused: number;
  /** POST /api/pos/orders sent → its 2xx received */
  commitRoundTrip: Distribution;
  /** the intake's own time, from its call to its return (committed) */
  commitServer: Distribution;
  /** POST sent → the ticket's card in the page, each routed screen counted */
  visible: Distribution;
  /** POST sent → the card on the last of the order's routed screens */
  visibleEverywhere: Distribution;
  visibleByScreen: Record<Screen, Distribution>;
  /** routed screens where the card never appeared */
  neverSeen: number;
  /** open tickets on each screen at the end */
  openAtEnd: Record<Screen, number>;
}

function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Epoch milliseconds with sub-millisecond resolution, on the same scale in Node and in the page. */
const epochNow = () => performance.timeOrigin + performance.now();

/** The stations an order's lines go to, from the store config's menu (combos by their parts; every line to expo). */
function routedScreens(config: StoreConfig, order: PosOrder): Set<string> {
  const items = new Map(config.kitchen.menu.map((m) => [m.id, m]));
  const screens = new Set<string>();
  for (const line of order.lines) {
    const item = items.get(line.item);
    const parts = item && item.components.length > 0 ? item.components : [line.item];
    for (const part of parts) for (const station of items.get(part)?.stations ?? []) screens.add(station);
    for (const station of config.kitchen.stations) if (station.kind === 'expo') screens.add(station.id);
  }
  return screens;
}

export function kdsBenchMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.GALLEY_KDS_BENCH_MINUTES ?? 10);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(
      `GALLEY_KDS_BENCH_MINUTES must be a positive number, not "${env.GALLEY_KDS_BENCH_MINUTES}"`,
    );
  return minutes;
}

/**
 * A rush on the order screens: a POS posts `ordersPerMinute` orders (the simulator's
 * mix of items, channels, modifiers and notes) at a steady pace, each on its own clock
 * tick whether or not the previous one was answered, to a real edge on the demo config;
 * four station screens (grill, fry, prep, expo) are open in Chromium on it, each a paired
 * display. Measured: the POST's round trip to its 2xx, the intake's own commit time, and
 * from the POST to the moment the order's card is inserted in each screen it is routed to
 * (a MutationObserver in the page, on the page's high-resolution epoch clock). The kitchen
 * bumps every ticket `bumpAfterS` after it opened, so the screens hold a steady load.
 */
export async function benchKds(options: KdsBenchOptions = {}): Promise<KdsBenchFigure> {
  const minutes = options.minutes ?? kdsBenchMinutes();
  const ordersPerMinute = options.ordersPerMinute ?? 200;
  const bumpAfterS = options.bumpAfterS ?? 30;
  const progress = options.progress ?? (() => undefined);
  const config = loadStoreConfig(DEMO_CONFIG);
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-bench-kds-'));
  const displayDir = mkdtempSync(join(tmpdir(), 'galley-bench-display-'));
  let app: EdgeApp | undefined;
  let browser: Browser | undefined;
  try {
    progress('building the display');
    await build({
      configFile: join(ROOT, 'display', 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: displayDir, emptyOutDir: true },
    });
    app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      clock: systemClock,
      displayDir,
    });
    const { httpPort } = await app.start();
    const base = `http://127.0.0.1:${httpPort}`;

    // The intake's own commit time, timed around the call the POS route makes.
    const commitServer: number[] = [];
    const intake = app.orders.intake;
    const submit = intake.submit.bind(intake);
    intake.submit = (client, submission) => {
      const started = performance.now();
      try {
        return submit(client, submission);
      } finally {
        commitServer.push(performance.now() - started);
      }
    };

    // Four screens, each a paired display on its station; each reports when a card first appears.
    const seen: Record<Screen, Map<string, number>> = {
      grill: new Map(),
      fry: new Map(),
      prep: new Map(),
      expo: new Map(),
    };
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
    });
    const displays = new DisplayCredentials({ db: app.database, clock: systemClock });
    const pages: Page[] = [];
    for (const screen of SCREENS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en' });
      await context.exposeFunction('galleyKdsCardSeen', (externalId: string, at: number) => {
        if (!seen[screen].has(externalId)) seen[screen].set(externalId, at);
      });
      await context.addInitScript((station) => {
        if (!localStorage.getItem('galley.kds.stations')) {
          localStorage.setItem('galley.locale', 'en');
          localStorage.setItem('galley.kds.mode', 'kds');
          localStorage.setItem('galley.kds.stations', JSON.stringify([station]));
        }
        // No named functions in here: run through tsx, they would call a helper the page lacks.
        const page = window as unknown as { galleyKdsCardSeen: (id: string, at: number) => Promise<void> };
        new MutationObserver((records) => {
          const at = performance.timeOrigin + performance.now();
          for (const record of records)
            for (const node of record.addedNodes) {
              if (!(node instanceof Element)) continue;
              const cards = node.matches('[data-testid^="kds-ticket-"]')
                ? [node]
                : [...node.querySelectorAll('[data-testid^="kds-ticket-"]')];
              for (const card of cards) {
                const id = card.querySelector('.kds-order')?.textContent?.replace(/^#/, '');
                if (id) page.galleyKdsCardSeen(id, at).catch(() => undefined);
              }
            }
        }).observe(document, { childList: true, subtree: true });
      }, screen);
      const page = await context.newPage();
      const { ticket } = displays.issueTicket(`bench ${screen}`, 'bench');
      await page.goto(`${base}/#pair=${encodeURIComponent(ticket)}`);
      await page.getByTestId('kds-stations').waitFor({ timeout: 30_000 });
      pages.push(page);
    }

    const manager = await login(base, 'mgr-li', '2222');
    const generator = new PosOrderGenerator({
      rng: createRng(42).fork('kds-bench'),
      runId: `bench${Date.now()}`,
    });
    const total = Math.max(WARM_UP_ORDERS + 1, Math.round(minutes * ordersPerMinute));
    const gapMs = 60_000 / ordersPerMinute;
    const posted: { order: PosOrder; sentAt: number; screens: Set<string> }[] = [];
    const commitRoundTrip: number[] = [];
    let refused = 0;
    let bumping = true;
    const bumper = bumpLoop(base, manager, bumpAfterS, () => bumping);
    const deliveries: Promise<void>[] = [];
    const start = performance.now();
    progress(`${total} orders over ${minutes} min on 4 screens`);
    for (let i = 0; i < total; i++) {
      const due = start + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const event = generator.create(Date.now());
      const sentAt = epochNow();
      const counted = i >= WARM_UP_ORDERS;
      deliveries.push(
        post(base, event).then((ok) => {
          const answeredAt = epochNow();
          if (!ok) refused++;
          else if (counted) {
            commitRoundTrip.push(answeredAt - sentAt);
            posted.push({ order: event.order, sentAt, screens: routedScreens(config, event.order) });
          }
        }),
      );
      if (i > 0 && i % ordersPerMinute === 0)
        progress(`${i} orders posted (${Math.round(i / ordersPerMinute)} min)`);
    }
    await Promise.all(deliveries);
    // Every card has its grace to appear before it counts as never seen.
    const graceEnd = performance.now() + GRACE_MS;
    while (performance.now() < graceEnd && !everySeen(posted, seen))
      await new Promise((resolve) => setTimeout(resolve, 100));
    bumping = false;
    await bumper;

    const visible: number[] = [];
    const visibleEverywhere: number[] = [];
    const byScreen: Record<Screen, number[]> = { grill: [], fry: [], prep: [], expo: [] };
    let neverSeen = 0;
    for (const { order, sentAt, screens } of posted) {
      let slowest = 0;
      let all = true;
      for (const screen of SCREENS) {
        if (!screens.has(screen)) continue;
        const at = seen[screen].get(order.externalId);
        if (at === undefined) {
          neverSeen++;
          all = false;
          continue;
        }
        visible.push(at - sentAt);
        byScreen[screen].push(at - sentAt);
        slowest = Math.max(slowest, at - sentAt);
      }
      if (all) visibleEverywhere.push(slowest);
    }
    const openAtEnd = Object.fromEntries(
      await Promise.all(SCREENS.map(async (s) => [s, (await openTickets(base, manager, s)).length] as const)),
    ) as Record<Screen, number>;
    return {
      minutes,
      ordersPerMinute,
      bumpAfterS,
      orders: posted.length,
      refused,
      commitRoundTrip: distribution(commitRoundTrip),
      commitServer: distribution(commitServer.slice(WARM_UP_ORDERS)),
      visible: distribution(visible),
      visibleEverywhere: distribution(visibleEverywhere),
      visibleByScreen: {
        grill: distribution(byScreen.grill),
        fry: distribution(byScreen.fry),
        prep: distribution(byScreen.prep),
        expo: distribution(byScreen.expo),
      },
      neverSeen,
      openAtEnd,
    };
  } finally {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(displayDir, { recursive: true, force: true });
  }
}

function everySeen(
  posted: readonly { order: PosOrder; screens: Set<string> }[],
  seen: Record<Screen, Map<string, number>>,
): boolean {
  return posted.every(({ order, screens }) =>
    SCREENS.every((s) => !screens.has(s) || seen[s].has(order.externalId)),
  );
}

async function post(base: string, event: PosOrderSubmission): Promise<boolean> {
  try {
    const res = await fetch(`${base}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: POS },
      body: JSON.stringify(event),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function login(base: string, user: string, pin: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, pin }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login as ${user} answered ${res.status}`);
  return body.token;
}

async function openTickets(base: string, token: string, station: string): Promise<KdsTicketView[]> {
  const res = await fetch(`${base}/api/kds/tickets?station=${station}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET tickets of ${station} answered ${res.status}`);
  return (await res.json()) as KdsTicketView[];
}

/** The kitchen at work: once a second, every ticket open longer than `afterS` is bumped. */
async function bumpLoop(base: string, token: string, afterS: number, running: () => boolean): Promise<void> {
  while (running()) {
    const cutoff = Date.now() - afterS * 1000;
    for (const station of SCREENS) {
      for (const ticket of await openTickets(base, token, station)) {
        if (ticket.createdAt > cutoff) continue;
        await fetch(`${base}/api/kds/tickets/${ticket.id}/bump`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));
const line = (d: Distribution) =>
  `p50 ${ms(d.p50)} ms  p95 ${ms(d.p95)} ms  p99 ${ms(d.p99)} ms  max ${ms(d.max)} ms  (${d.count})`;

export function kdsRows(f: KdsBenchFigure): string {
  const perScreen = SCREENS.map((s) => `${s} ${ms(f.visibleByScreen[s].p95)}`).join(', ');
  const open = SCREENS.map((s) => `${s} ${f.openAtEnd[s]}`).join(', ');
  return [
    `kds: ${f.ordersPerMinute} orders/min for ${f.minutes} min, 4 screens in Chromium (grill, fry, prep, expo), tickets bumped ${f.bumpAfterS} s after they open; ${f.orders} orders counted, ${f.refused} refused`,
    `  intake commit, POST → 2xx:           ${line(f.commitRoundTrip)}  goal p95 ≤ 50 ms`,
    `  intake commit, on the edge:          ${line(f.commitServer)}`,
    `  intake → card on a routed screen:    ${line(f.visible)}  goal p95 ≤ 300 ms`,
    `  intake → card on all its screens:    ${line(f.visibleEverywhere)}`,
    `  p95 per screen (ms): ${perScreen}; never shown: ${f.neverSeen}; open at the end: ${open}`,
  ].join('\n');
}
