import BetterSqlite3 from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { EquipmentAlarmsMessage } from '../../../shared/api/alarms';
import { TicketChangeMessage } from '../../../shared/api/tickets';
import type { RuleInput } from '../../../shared/config/rules';
import { StoreConfig } from '../../../shared/config/store-config';
import { systemClock } from '../../../shared/server/runtime/clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { collect, connectClient, type Received, within } from '../../../shared/server/testing/mqtt-clients';
import { topics } from '../../../shared/topics';
import { type MqttEdge, startMqttEdge } from '../../testing/mqtt-edge';
import { AlarmService } from '../alarms/alarm-service';
import { RuleEngine } from '../rules/rule-engine';
import type { TicketPublishFn } from './ticket-announcements';
import type { TicketActor } from './ticket-lifecycle';
import { TicketService } from './ticket-service';

const manager: TicketActor = { id: 'mgr-li', role: 'manager' };
const tech: TicketActor = { id: 'tech-wang', role: 'technician' };
const INTEGRATION = { username: 'bms', secret: 'bms-secret' };
/** wic-1 raises at once above 5 °C: one telemetry message is one alarm, and its ticket. */
const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Cooler above 5 °C', 'zh-CN': '冷藏库温度高于 5 °C' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5 },
  clear: { op: '<', value: 4 },
};

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What another connection to the database saw as each announcement went out. */
interface Published {
  topic: string;
  committedStatus: string | undefined;
}

/**
 * The broker on loopback with real SQLite, the alarm and ticket services publishing
 * through it as the edge app wires them (a failed publish logged, not thrown), the
 * rule engine on the ingest bus, and an integration subscribed to `_edge/#` at QoS 1.
 */
async function announcingEdge(options: { publish?: TicketPublishFn } = {}) {
  const edge: MqttEdge = await startMqttEdge({
    integrations: [{ ...INTEGRATION, acl: [{ topic: 'galley/%s/_edge/#', access: 'read' }] }],
  });
  cleanups.push(() => edge.stop());
  const config = StoreConfig.parse({
    ...edge.config,
    equipment: edge.config.equipment.map((e) => (e.id === 'wic-1' ? { ...e, rules: [tooWarm] } : e)),
  });
  const logger = silentLogger();
  const reader = new BetterSqlite3(edge.db.name, { readonly: true });
  cleanups.push(() => reader.close());
  const committedStatus = reader.prepare<[number], { status: string }>(
    'SELECT status FROM tickets WHERE id = ?',
  );
  const published: Published[] = [];
  const viaBroker: TicketPublishFn = (topic, payload, publishOptions) => {
    edge.broker.publish(topic, payload, publishOptions).catch(() => undefined);
  };
  const alarms = new AlarmService({
    db: edge.db,
    clock: systemClock,
    logger,
    storeId: edge.storeId,
    settings: config.alarms,
    publish: (topic, payload, { retain }) => viaBroker(topic, payload, { retain, qos: 1 }),
  });
  const tickets = new TicketService({
    db: edge.db,
    clock: systemClock,
    logger,
    storeId: edge.storeId,
    alarms,
    config,
    publish:
      options.publish ??
      ((topic, payload, publishOptions) => {
        const { ticketId } = TicketChangeMessage.parse(JSON.parse(payload));
        published.push({ topic, committedStatus: committedStatus.get(ticketId)?.status });
        viaBroker(topic, payload, publishOptions);
      }),
  });
  const rules = new RuleEngine(
    { bus: edge.bus, clock: systemClock, logger, sink: alarms.handleTransition },
    config,
  );
  alarms.start();
  tickets.start();
  rules.start();
  cleanups.push(() => {
    rules.stop();
    tickets.stop();
    alarms.stop();
  });

  const client: MqttClient = await connectClient(edge.port, {
    username: INTEGRATION.username,
    password: INTEGRATION.secret,
  });
  cleanups.push(() => client.endAsync(true));
  const received = collect(client);
  await client.subscribeAsync(`${topics.edgeRoot(edge.storeId)}/#`, { qos: 1 });
  const ticketMessages = () =>
    received.messages.filter((m) => m.topic.startsWith(`${topics.edgeRoot(edge.storeId)}/tickets/`));
  return { edge, alarms, tickets, published, received, ticketMessages };
}

async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const change = (m: Received) => TicketChangeMessage.parse(JSON.parse(m.payload.toString()));

describe('ticket changes announced on galley/{storeId}/_edge/tickets/{ticketId}', () => {
  it('each change once, after its commit, with the status it left; a refused step announces nothing', async () => {
    const s = await announcingEdge();
    const { ticket } = s.tickets.report(
      { equipmentId: 'fryer-1', fault: 'oil leak', category: 'leak' },
      manager,
    );
    const assigned = s.tickets.transition(ticket.id, { to: 'assigned', assignee: 'tech-wang' }, manager);
    s.tickets.transition(ticket.id, { to: 'in_progress' }, tech);
    expect(() => s.tickets.transition(ticket.id, { to: 'verified' }, manager)).toThrow(
      /cannot become verified/,
    );
    s.tickets.transition(ticket.id, { to: 'closed' }, manager);

    const messages = await s.received.waitFor(4);
    // The closing step came after the refused one: had that been announced, it would be here.
    expect(messages.map((m) => [m.topic, change(m).status])).toEqual([
      [topics.edgeTicket(s.edge.storeId, ticket.id), 'open'],
      [topics.edgeTicket(s.edge.storeId, ticket.id), 'assigned'],
      [topics.edgeTicket(s.edge.storeId, ticket.id), 'in_progress'],
      [topics.edgeTicket(s.edge.storeId, ticket.id), 'closed'],
    ]);
    expect(change(messages[1]!)).toEqual({
      ticketId: ticket.id,
      equipmentId: 'fryer-1',
      status: 'assigned',
      at: assigned.updatedAt,
    });
    expect(messages.every((m) => m.qos === 1 && !m.retain)).toBe(true);
    // Another connection already saw each status when its announcement went out: published after the commit.
    expect(s.published.map((p) => p.committedStatus)).toEqual(['open', 'assigned', 'in_progress', 'closed']);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.received.messages).toHaveLength(4);
  });

  it("the ticket a critical alarm opens is announced after the alarm's commit, behind the alarm itself", async () => {
    const s = await announcingEdge();
    const secret = s.edge.provision('wic-1');
    const cooler = await connectClient(s.edge.port, { username: 'wic-1', password: secret });
    cleanups.push(() => cooler.endAsync(true));
    const warm = JSON.stringify({ ts: Date.now(), readings: { temp_c: 9 } });
    // QoS 1: acknowledged once stored; the rules run on the commit.
    await within(cooler.publishAsync(topics.telemetry(s.edge.storeId, 'wic-1'), warm, { qos: 1 }), 5000);

    const [alarm, opened] = await s.received.waitFor(2);
    expect(alarm!.topic).toBe(topics.edge(s.edge.storeId, 'alarms', 'wic-1'));
    expect(EquipmentAlarmsMessage.parse(JSON.parse(alarm!.payload.toString())).change.type).toBe('raised');
    const [ticket] = s.tickets.list({ status: 'open', limit: 10 });
    expect(opened!.topic).toBe(topics.edgeTicket(s.edge.storeId, ticket!.id));
    expect(change(opened!)).toMatchObject({ ticketId: ticket!.id, equipmentId: 'wic-1', status: 'open' });
    expect(s.published).toEqual([{ topic: opened!.topic, committedStatus: 'open' }]);

    // The same fault again: the alarm is already active, the ticket already open; nothing to announce.
    const again = JSON.stringify({ ts: Date.now() + 1, readings: { temp_c: 9.5 } });
    await within(cooler.publishAsync(topics.telemetry(s.edge.storeId, 'wic-1'), again, { qos: 1 }), 5000);
    s.tickets.transition(ticket!.id, { to: 'acknowledged' }, manager);
    await eventually(() => s.ticketMessages().length >= 2, 'the acknowledgement announced');
    await new Promise((r) => setTimeout(r, 100));
    expect(s.ticketMessages().map((m) => change(m).status)).toEqual(['open', 'acknowledged']);
  });

  it('a publish that throws is counted and logged; the change stands and the caller never sees it', async () => {
    const s = await announcingEdge({
      publish: () => {
        throw new Error('broker gone');
      },
    });
    const { ticket } = s.tickets.report(
      { equipmentId: 'fryer-1', fault: 'no heat', category: 'not_heating' },
      manager,
    );
    const assigned = s.tickets.transition(ticket.id, { to: 'assigned', assignee: 'tech-wang' }, manager);
    expect(assigned.status).toBe('assigned');
    expect(s.tickets.get(ticket.id)?.status).toBe('assigned');
    expect(s.tickets.announcementStats).toEqual({ published: 0, publishErrors: 2 });
  });
});
