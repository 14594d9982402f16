import type {
  AllDayCount,
  KdsSetupView,
  KdsTicketView,
  SpeedOfServiceView,
} from '../../../../shared/api/kds';
import { setupView, speedView } from './kds-fixtures';

/**
 * The edge's `/api/kds/*` as a station screen sees it, in memory: bump moves a ticket
 * to the day's bumped list (a line bump marks the line done), recall moves it back.
 * `down` makes every request fail as an unreachable edge does.
 */
export class FakeKdsEdge {
  setup: KdsSetupView = setupView;
  open: Record<string, KdsTicketView[]> = {};
  bumped: KdsTicketView[] = [];
  allDay: Record<string, AllDayCount[]> = {};
  speed: SpeedOfServiceView = speedView;
  down = false;
  /** every request, `METHOD path` with the body of a POST */
  readonly requests: { method: string; path: string; body?: unknown }[] = [];

  constructor(readonly now: () => number) {}

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(input, 'http://edge');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      ...(body === undefined ? {} : { body }),
    });
    if (this.down) throw new TypeError('fetch failed');
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
    const station = url.searchParams.get('station') ?? '';
    if (method === 'GET' && url.pathname === '/api/kds/setup') return json(this.setup);
    if (method === 'GET' && url.pathname === '/api/kds/speed') return json(this.speed);
    if (method === 'GET' && url.pathname === '/api/kds/all-day') return json(this.allDay[station] ?? []);
    if (method === 'GET' && url.pathname === '/api/kds/tickets') {
      if (url.searchParams.get('state') === 'bumped')
        return json(
          this.bumped
            .filter((t) => t.station === station)
            .sort((a, b) => (b.bumpedAt ?? 0) - (a.bumpedAt ?? 0)),
        );
      return json(this.open[station] ?? []);
    }
    const action = /^\/api\/kds\/tickets\/(\d+)\/(bump|recall)$/.exec(url.pathname);
    if (method === 'POST' && action) {
      const id = Number(action[1]);
      if (action[2] === 'bump')
        return json(this.#bump(id, (body as { lineId?: string } | undefined)?.lineId));
      return json(this.#recall(id));
    }
    if (method === 'POST' && /^\/api\/kds\/orders\/\d+\/fire$/.test(url.pathname))
      return json({ fired: true });
    return json({ error: 'not_found', message: `no ${method} ${url.pathname}` }, 404);
  };

  #bump(id: number, lineId: string | undefined): unknown {
    for (const [station, tickets] of Object.entries(this.open)) {
      const ticket = tickets.find((t) => t.id === id);
      if (!ticket) continue;
      if (lineId !== undefined) {
        ticket.lines = ticket.lines.map((l) => (l.lineId === lineId ? { ...l, state: 'done' } : l));
        return ticket;
      }
      this.open[station] = tickets.filter((t) => t.id !== id);
      const bumped = { ...ticket, bumpedAt: this.now() };
      this.bumped.push(bumped);
      return bumped;
    }
    return { error: 'not_found' };
  }

  #recall(id: number): unknown {
    const ticket = this.bumped.find((t) => t.id === id);
    if (!ticket) return { error: 'not_found' };
    this.bumped = this.bumped.filter((t) => t.id !== id);
    const back = { ...ticket, bumpedAt: undefined, recalledAt: this.now() };
    this.open[ticket.station] = [...(this.open[ticket.station] ?? []), back];
    return back;
  }
}
