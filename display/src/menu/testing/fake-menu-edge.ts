import type { ItemAvailability } from '../../../../shared/api/menu';
import { USERS } from './menu-fixtures';

/** The PIN every fixture person logs in with. */
export const PIN = '1234';

/**
 * The edge's menu routes and PIN login as the display sees them, in memory. As the real
 * one: reading needs nobody, 86ing and putting back need a person's session (403 without),
 * putting back an item nobody 86'd is refused (409). `down` fails every request.
 */
export class FakeMenuEdge {
  items: ItemAvailability[];
  down = false;
  /** every request, `METHOD path` with its body and bearer token */
  readonly requests: { method: string; path: string; body?: unknown; token?: string }[] = [];
  readonly #sessions = new Map<string, string>();

  constructor(
    items: ItemAvailability[],
    readonly now: () => number,
  ) {
    this.items = items;
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(input, 'http://edge');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const token = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
    this.requests.push({
      method,
      path: url.pathname,
      ...(body === undefined ? {} : { body }),
      ...(token === undefined ? {} : { token }),
    });
    if (this.down) throw new TypeError('fetch failed');
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
    const refuse = (status: number, error: string, message: string) => json({ error, message }, status);

    if (method === 'GET' && url.pathname === '/api/menu/availability') return json(this.items);
    if (method === 'POST' && url.pathname === '/api/session') {
      const { user, pin } = body as { user: string; pin: string };
      const person = USERS.find((u) => u.id === user);
      if (!person || pin !== PIN) return refuse(401, 'unauthorized', 'wrong user or PIN');
      const session = `tok-${user}`;
      this.#sessions.set(session, user);
      return json({
        token: session,
        role: person.role,
        userId: user,
        name: person.name,
        expiresAt: this.now() + 600_000,
      });
    }
    const route = /^\/api\/menu\/items\/([^/]+)\/eighty-six$/.exec(url.pathname);
    if (route) {
      const by = token ? this.#sessions.get(token) : undefined;
      if (!by) return refuse(403, 'forbidden', '86ing an item needs a person logged in');
      const id = decodeURIComponent(route[1] ?? '');
      const item = this.items.find((i) => i.item === id);
      if (!item) return refuse(404, 'not_found', `no menu item ${id}`);
      const others = item.reasons.filter((r) => r.kind !== 'manual');
      if (method === 'PUT') {
        const note = (body as { note?: string } | undefined)?.note;
        const manual = { kind: 'manual' as const, by, since: this.now(), ...(note ? { note } : {}) };
        return json(this.#set(item, [...others, manual]));
      }
      if (method === 'DELETE') {
        if (others.length === item.reasons.length)
          return refuse(409, 'not_86d', `${id} was not 86'd by hand`);
        return json(this.#set(item, others));
      }
    }
    return refuse(404, 'not_found', `no ${method} ${url.pathname}`);
  };

  #set(item: ItemAvailability, reasons: ItemAvailability['reasons']): ItemAvailability {
    const available = reasons.length === 0;
    const next = {
      ...item,
      reasons,
      available,
      since: available === item.available ? item.since : this.now(),
    };
    this.items = this.items.map((i) => (i.item === item.item ? next : i));
    return next;
  }
}
