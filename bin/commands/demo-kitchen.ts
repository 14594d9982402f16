import type { EdgeApp } from '../../edge/app/edge-app';
import { HttpOrderTransport } from '../../firmware-sim/pos/http-transport';
import { PosSimulator } from '../../firmware-sim/pos/pos-simulator';
import type { RushProfile } from '../../firmware-sim/pos/rush-curve';
import { createRng } from '../../firmware-sim/random';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';

/** The demo POS's client and secret in config/demo-store.yaml (the contract names them). */
export const DEMO_POS = { client: 'pos-demo', secret: 'pos-demo-secret' } as const;

/**
 * Orders at any hour: a demo is watched at 3 a.m. as often as at noon, so the demo POS
 * runs a steady trickle instead of the quick-service day's curve.
 */
const DEMO_DAY: RushProfile = { openHour: 0, closeHour: 24, baseline: 1, peaks: [] };
/** Between the simulator's own minutes, one more: about three orders a minute, from the first second. */
const EXTRA_MINUTE_EVERY_MS = 30_000;

/** How long the demo's cooks take beyond a line's prep time before they bump (s). */
const COOK_SLACK_S = { min: 30, max: 150 };
const COOK_EVERY_MS = 10_000;
/** The demo's supplier looks in every few minutes and tops up what fell below its minimum. */
const SUPPLIER_EVERY_MS = 5 * 60_000;

export interface DemoKitchen {
  stop(): Promise<void>;
}

/**
 * The demo store's front and back of house: the POS simulator posting orders to the
 * edge over HTTP as `pos-demo`, and cooks who bump each ticket some time after it is
 * cooked, so the station screens move like a kitchen's instead of filling up, and a
 * supplier who tops stock up to par every few minutes.
 */
export async function startDemoKitchen(options: {
  edge: EdgeApp;
  config: StoreConfig;
  httpPort: number;
  clock: Clock;
  logger: Logger;
}): Promise<DemoKitchen> {
  const { edge, clock, logger } = options;
  const rng = createRng(Date.now() % 1_000_000);
  const pos = new PosSimulator({
    clock,
    seed: Math.floor(rng.next() * 1_000_000),
    // Short, like a till's check numbers, and new each run so a restart's orders are not the last run's.
    runId: (Math.floor(Date.now() / 60_000) % 1296).toString(36).toUpperCase().padStart(2, '0'),
    logger: logger.child({ ns: 'demo.pos' }),
    timeZone: options.config.store.timezone,
    profile: DEMO_DAY,
    transports: [
      new HttpOrderTransport({
        baseUrl: `http://127.0.0.1:${options.httpPort}`,
        client: DEMO_POS.client,
        secret: DEMO_POS.secret,
        clock,
        rng: rng.fork('http'),
        logger: logger.child({ ns: 'demo.pos.http' }),
      }),
    ],
  });
  await pos.start();
  pos.minute();
  pos.minute();
  const extra = clock.setInterval(() => pos.minute(), EXTRA_MINUTE_EVERY_MS);
  const slack = new Map<number, number>();
  const cook = clock.setInterval(() => {
    const now = clock.now();
    for (const station of options.config.kitchen.stations) {
      for (const ticket of edge.orders.kds.tickets(station.id, 'open')) {
        let extra = slack.get(ticket.id);
        if (extra === undefined) {
          extra = COOK_SLACK_S.min + rng.next() * (COOK_SLACK_S.max - COOK_SLACK_S.min);
          slack.set(ticket.id, extra);
        }
        const cooked = ticket.lines.every(
          (l) => l.state !== 'pending' && (l.firesAt ?? ticket.createdAt) + extra * 1000 <= now,
        );
        // Expo sends an order out once every station has made its part.
        const ready = station.kind !== 'expo' || (ticket.readiness ?? []).every((r) => r.ready);
        if (!cooked || !ready) continue;
        try {
          edge.orders.kds.bump(ticket.id, 'demo-cook');
        } catch (err) {
          logger.warn({ err, ticketId: ticket.id }, 'the demo cook could not bump a ticket');
        }
        slack.delete(ticket.id);
      }
    }
  }, COOK_EVERY_MS);
  // A supplier that delivers what the reorder suggests, so the demo's stock dips and recovers
  // instead of 86ing the menu for good an hour in.
  const supplier = clock.setInterval(() => {
    const lines = edge.stock
      .reorderSuggestions()
      .filter((s) => s.qty > 0)
      .map((s) =>
        s.pack && s.packs
          ? { ingredient: s.ingredient, packs: s.packs, pack: s.pack.id }
          : { ingredient: s.ingredient, qty: s.qty },
      );
    if (lines.length === 0) return;
    try {
      edge.stock.receive(
        { ref: `demo-supplier-${new Date(clock.now()).toISOString()}`, lines },
        { id: 'demo-supplier' },
      );
    } catch (err) {
      logger.warn({ err }, 'the demo supplier could not deliver');
    }
  }, SUPPLIER_EVERY_MS);
  return {
    async stop() {
      clock.clearInterval(supplier);
      clock.clearInterval(cook);
      clock.clearInterval(extra);
      await pos.stop();
    },
  };
}
