import type { ChecklistItem, CommissioningChecklist } from '../../../../shared/api/commissioning';
import {
  type HandoverSignature,
  HandoverSignRequest,
  type HandoverStatus,
} from '../../../../shared/api/commissioning-handover';
import type { StoreInfo } from '../../../../shared/api/store';

export const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
export const PIN = '2468';

export const USERS: StoreInfo['users'] = [
  { id: 'admin', name: 'Admin Zhou', role: 'admin', pinLength: 4 },
  { id: 'mgr-li', name: 'Manager Li', role: 'manager', pinLength: 4 },
  { id: 'tech-wang', name: 'Tech Wang', role: 'technician', pinLength: 4 },
];

const item = (
  id: ChecklistItem['id'],
  en: string,
  zh: string,
  total: number,
  waiting: ChecklistItem['waiting'],
): ChecklistItem => ({
  id,
  title: { en, 'zh-CN': zh },
  complete: waiting.length === 0,
  done: total - waiting.length,
  total,
  // The box's own line names ids; the screen names units itself.
  progress: {
    en: `${total - waiting.length} of ${total}`,
    'zh-CN': `${total} 项中 ${total - waiting.length} 项`,
  },
  waiting,
});

/** A store part way: two units not reporting, one cooler not pulled down, one test alarm not yet at central. */
export function openChecklist(): CommissioningChecklist {
  const items = [
    item('reporting', 'Reporting in range', '报数且在范围内', 5, [
      { subject: 'fryer-2', reason: { en: 'silent for 12 min', 'zh-CN': '已 12 分钟无数据' } },
      { subject: 'wic-2', reason: { en: 'temp_c 31 °C above 15', 'zh-CN': 'temp_c 31 °C 高于 15' } },
    ]),
    item('cold_pulldown', 'Cold units pulled down', '冷柜已降温', 2, [
      { subject: 'wic-2', reason: { en: '31 °C, limit 5 °C', 'zh-CN': '31 °C，限值 5 °C' } },
    ]),
    item('test_alarms', 'Test alarm seen at central', '测试告警已送达总部', 5, [
      { subject: 'fryer-2', reason: { en: 'no alarm raised yet', 'zh-CN': '尚未触发告警' } },
    ]),
    item('display', 'Kitchen display connected', '厨房显示屏已连接', 1, []),
    item('sync', 'Sync healthy', '同步正常', 1, []),
    item('users', 'Users and PINs', '用户与 PIN', 3, []),
    item('food_safety', 'Food-safety control points', '食品安全控制点', 2, []),
  ];
  return { storeId: 'sh-001', checkedAt: T0, complete: false, items };
}

export function completeChecklist(): CommissioningChecklist {
  const open = openChecklist();
  const items = open.items.map((i) => ({ ...i, complete: true, done: i.total, waiting: [] }));
  return { ...open, complete: true, items };
}

export interface SentRequest {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
}

/**
 * The box's commissioning routes as the display sees them, in memory, refusing as the box
 * does: reads need a bearer; signing checks the PIN first (403 "unknown user or wrong PIN"),
 * then who signs, then open checks (409 with both languages; an admin signs over them with a
 * reason, a manager's override is 403), and records the signature once.
 */
export class FakeCommissioningEdge {
  checklist: CommissioningChecklist = openChecklist();
  signature: HandoverSignature | null = null;
  readonly requests: SentRequest[] = [];

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(input, 'http://edge');
    const headers = new Headers(init.headers);
    const token = headers.get('authorization')?.replace(/^Bearer /, '');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, body, ...(token ? { token } : {}) });
    if (!token) return json(401, { error: 'unauthorized', message: 'sign in first' });
    if (method === 'GET' && url.pathname === '/api/commissioning/checklist') return json(200, this.checklist);
    if (method === 'GET' && url.pathname === '/api/commissioning/claims') return json(200, []);
    if (method === 'GET' && url.pathname === '/api/commissioning/handover') return json(200, this.#status());
    if (method === 'GET' && url.pathname === '/api/commissioning/handover.csv')
      return new Response('\uFEFFsection,field\r\n', {
        status: 200,
        headers: { 'content-disposition': 'attachment; filename="handover_sh-001_en.csv"' },
      });
    if (method === 'POST' && url.pathname === '/api/commissioning/handover/sign') return this.#sign(body);
    return json(404, { error: 'not_found', message: `no route ${method} ${url.pathname}` });
  };

  #status(): HandoverStatus {
    return {
      signature: this.signature,
      testAlarms: [
        { equipmentId: 'wic-1', raisedAt: T0 - 600_000, seenAt: T0 - 596_800, roundTripS: 3.2 },
        { equipmentId: 'fryer-2', raisedAt: null, seenAt: null, roundTripS: null },
      ],
    };
  }

  #sign(raw: unknown): Response {
    const request = HandoverSignRequest.safeParse(raw);
    if (!request.success) return json(400, { error: 'bad_request', message: request.error.message });
    const signer = USERS.find((u) => u.id === request.data.user);
    if (!signer || request.data.pin !== PIN)
      return json(403, { error: 'forbidden', message: 'unknown user or wrong PIN' });
    if (signer.role === 'technician')
      return json(403, { error: 'forbidden', message: 'a manager or an admin signs it' });
    if (this.signature) return json(409, { error: 'already_signed', message: 'already signed' });
    const open = this.checklist.items.filter((i) => !i.complete);
    if (open.length > 0 && !request.data.overrideReason)
      return json(409, {
        error: 'checklist_incomplete',
        message: `the checklist has ${open.length} open item(s)`,
        messages: {
          en: `the checklist has ${open.length} open item(s)`,
          'zh-CN': `检查清单有 ${open.length} 项未完成`,
        },
      });
    if (open.length > 0 && signer.role !== 'admin')
      return json(403, {
        error: 'forbidden',
        message: 'only an admin may sign the handover over open checklist items',
        messages: {
          en: 'only an admin may sign the handover over open checklist items',
          'zh-CN': '检查清单未完成时，只有管理员可以强制签署交接',
        },
      });
    this.signature = {
      storeId: 'sh-001',
      signedBy: signer.id,
      signerName: signer.name,
      role: signer.role,
      signedAt: T0 + 60_000,
      complete: open.length === 0,
      overrideReason: open.length > 0 ? (request.data.overrideReason ?? null) : null,
      openItems: open.map((i) => i.id),
      checklistSha256: 'a'.repeat(64),
    };
    return json(201, { ...this.signature, checklist: this.checklist });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
