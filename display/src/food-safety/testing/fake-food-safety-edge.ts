import {
  type ControlPointView,
  CorrectiveActionSignOff,
  type CorrectiveActionView,
  type ExcursionView,
} from '../../../../shared/api/food-safety';
import {
  actions,
  compliance,
  controlPoints,
  minuteLog,
  REACH_IN_EXCURSION,
  TODAY,
  USERS,
  WALK_IN_EXCURSION,
} from './food-safety-fixtures';

/** The PIN every fixture person signs with. */
export const PIN = '1234';

export interface Refusal {
  status: number;
  error: string;
  message: string;
}

export interface SentRequest {
  method: string;
  path: string;
  query: string;
  body?: unknown;
  token?: string;
}

/**
 * The edge's food-safety routes as the display sees them, in memory. As the real one:
 * records read without a person; a sign-off needs a bearer (a session or the paired
 * display), checks the PIN first (a wrong one is 403 "unknown user or wrong PIN"), then
 * that the signer is a manager, then that the body is complete (422), then that the action
 * is still open (409), each refusal worded `English / 中文`. The report answers a manager's
 * session with a small file. `refuseNext` answers the next sign-off with a refusal of the
 * test's choosing.
 */
export class FakeFoodSafetyEdge {
  points: ControlPointView[] = controlPoints();
  actions: CorrectiveActionView[] = actions();
  excursions: ExcursionView[] = [WALK_IN_EXCURSION, REACH_IN_EXCURSION];
  refuseNext: Refusal | undefined;
  readonly requests: SentRequest[] = [];
  readonly #sessions = new Map<string, string>();

  constructor(readonly now: () => number) {}

  posts(prefix: string) {
    return this.requests.filter((r) => r.method === 'POST' && r.path.startsWith(prefix));
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(input, 'http://edge');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const token = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
    this.requests.push({
      method,
      path: url.pathname,
      query: url.search,
      ...(body === undefined ? {} : { body }),
      ...(token === undefined ? {} : { token }),
    });
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
    const refuse = (r: Refusal) => json({ error: r.error, message: r.message }, r.status);
    const p = url.pathname;

    if (method === 'POST' && p === '/api/session') {
      const { user, pin } = body as { user: string; pin: string };
      const person = USERS.find((u) => u.id === user);
      if (!person || pin !== PIN) return refuse({ status: 401, error: 'unauthorized', message: 'wrong PIN' });
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
    if (method === 'GET') {
      if (p === '/api/food-safety/control-points') return json(this.points);
      if (p === '/api/food-safety/corrective-actions') {
        const state = url.searchParams.get('state') ?? 'open';
        return json(this.actions.filter((a) => state === 'all' || a.state === 'open'));
      }
      const day = url.searchParams.get('day') ?? TODAY;
      const read = /^\/api\/food-safety\/control-points\/([^/]+)\/(records|compliance)$/.exec(p);
      if (read) {
        const id = decodeURIComponent(read[1] ?? '');
        if (!this.points.some((cp) => cp.id === id))
          return refuse({ status: 404, error: 'not_found', message: `no control point ${id}` });
        if (read[2] === 'records') return json(minuteLog(id, day));
        const from = Date.parse(`${day}T00:00:00Z`);
        const touching = this.excursions.filter(
          (e) => e.controlPointId === id && e.startedAt < from + 86_400_000 && (e.endedAt ?? Infinity) > from,
        );
        return json(compliance(id, day, touching));
      }
      if (p === '/api/food-safety/report') {
        const manager = token && USERS.find((u) => u.id === this.#sessions.get(token))?.role === 'manager';
        if (!manager) return refuse({ status: 403, error: 'forbidden', message: 'role may not do this' });
        return new Response('%PDF-1.7 fake', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="food-safety_demo.pdf"' },
        });
      }
    }
    const sign = /^\/api\/food-safety\/corrective-actions\/(\d+)\/sign-off$/.exec(p);
    if (method === 'POST' && sign) {
      if (!token) return refuse({ status: 401, error: 'unauthorized', message: 'this needs a bearer token' });
      const parsed = CorrectiveActionSignOff.safeParse(body);
      if (!parsed.success)
        return refuse({ status: 400, error: 'bad_request', message: parsed.error.message });
      const { user, pin, ...rest } = parsed.data;
      const signer = USERS.find((u) => u.id === user);
      if (!signer || pin !== PIN)
        return refuse({ status: 403, error: 'forbidden', message: 'unknown user or wrong PIN' });
      if (this.refuseNext) {
        const r = this.refuseNext;
        this.refuseNext = undefined;
        return refuse(r);
      }
      if (signer.role !== 'manager' && signer.role !== 'admin')
        return refuse({
          status: 403,
          error: 'forbidden',
          message: `${user} is not a person in charge: a manager signs corrective actions off / ${user} 不是当班负责人：纠正措施须由经理签核`,
        });
      if (
        !rest.whatDone ||
        !rest.disposition ||
        !rest.quantity ||
        (rest.disposition === 'moved' && !rest.movedTo)
      )
        return refuse({ status: 422, error: 'incomplete', message: 'a sign-off is incomplete / 签核不完整' });
      const id = Number(sign[1]);
      const open = this.actions.find((a) => a.id === id);
      if (!open) return refuse({ status: 404, error: 'not_found', message: `no corrective action ${id}` });
      if (open.state !== 'open')
        return refuse({
          status: 409,
          error: 'not_open',
          message: `corrective action ${id} is already signed off (by ${open.by}) / 纠正措施 ${id} 已签核（${open.by}）`,
        });
      const signed: CorrectiveActionView = {
        ...open,
        seq: open.seq + 100,
        amends: open.seq,
        change: 'signed_off',
        state: 'signed_off',
        whatDone: rest.whatDone,
        disposition: rest.disposition,
        quantity: rest.quantity,
        movedTo: rest.movedTo ?? null,
        note: rest.note ?? null,
        by: user,
        at: this.now(),
      };
      this.actions = this.actions.map((a) => (a.id === id ? signed : a));
      return json(signed);
    }
    return refuse({ status: 404, error: 'not_found', message: 'no route' });
  };
}
