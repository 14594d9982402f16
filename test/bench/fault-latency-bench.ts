import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { EdgeApp } from '../../edge/app/edge-app';
import type { TicketActor } from '../../edge/domains/tickets/ticket-lifecycle';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import type { StoreConfig } from '../../shared/config/store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';
import { coolersOnlyStore } from '../testing/faults-kit';

const BENCH_ACTOR: TicketActor = { id: 'bench', role: 'admin' };

export interface FaultLatencyFigure {
  p50Ms: number;
  p99Ms: number;
  samples: number;
  maxMs: number;
  coolers: number;
  concurrency: number;
}

export interface FaultLatencyOptions {
  coolers?: number;
  /** faults raised per cooler (after one warm-up round that is not counted) */
  rounds?: number;
  /** coolers whose faults are raised at the same moment */
  concurrency?: number;
}

/** Every fault a fresh alarm (not a re-raise of the previous one): the full path. */
function benchConfig(coolers: number): StoreConfig {
  return coolersOnlyStore(coolers, (c) => ({ ...c, alarms: { ...c.alarms, flapWindowS: 0 } }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Fault condition met → ticket committed, through the real pipeline: a device
 * publishes the reading that crosses the threshold (timed from just before the
 * publish), the broker authorises it, ingest group-commits it, the rule engine
 * raises, the alarm service commits the alarm and the ticket service the ticket
 * (timed in an alarm listener that runs after the ticket service's and finds the
 * row). Between faults the cooler cools down and its ticket is closed.
 */
export async function benchFaultLatency(options: FaultLatencyOptions = {}): Promise<FaultLatencyFigure> {
  const coolers = options.coolers ?? 100;
  const rounds = options.rounds ?? 5;
  const concurrency = options.concurrency ?? 10;
  const config = benchConfig(coolers);
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
  const app = new EdgeApp({
    config,
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
  });
  const { mqttPort } = await app.start();
  const clients: MqttClient[] = [];
  try {
    const credentials = new DeviceCredentials({ db: app.database, clock: systemClock });
    for (const equipment of config.equipment) {
      const password = credentials.add(equipment.id);
      clients.push(await connectClient(mqttPort, { username: equipment.id, password }));
    }
    const openTicket = app.database.prepare<[string], { id: number }>(
      `SELECT id FROM tickets WHERE equipment_id = ? AND fault = 'temp_high' AND status = 'open'`,
    );
    const waiting = new Map<string, (ticket: { id: number; at: number }) => void>();
    const off = app.alarms.onChange((change) => {
      if (change.type !== 'raised' && change.type !== 'reraised') return;
      if (change.alarm.rule !== 'temp_high') return;
      const at = performance.now();
      const row = openTicket.get(change.alarm.equipmentId);
      if (row) waiting.get(change.alarm.equipmentId)?.({ id: row.id, at });
    });

    const publish = (client: MqttClient, equipmentId: string, temp_c: number) =>
      client.publishAsync(
        topics.telemetry(config.store.id, equipmentId),
        JSON.stringify({ ts: Date.now(), readings: { temp_c, door_open: false } }),
        { qos: 1 },
      );

    const fault = async (index: number): Promise<{ ms: number; ticketId: number }> => {
      const client = clients[index]!;
      const equipmentId = `wic-${index + 1}`;
      const ticket = new Promise<{ id: number; at: number }>((resolve) => waiting.set(equipmentId, resolve));
      const start = performance.now();
      await publish(client, equipmentId, 8);
      const { id, at } = await within(ticket, 5000, `ticket for ${equipmentId}`);
      waiting.delete(equipmentId);
      return { ms: at - start, ticketId: id };
    };
    // After the whole wave is measured: cleaning up one fault while others of its wave are
    // still on their way would time the bench's own work, not the faults'.
    const coolDown = async (index: number, ticketId: number): Promise<void> => {
      await publish(clients[index]!, `wic-${index + 1}`, 2);
      app.tickets.transition(ticketId, { to: 'closed', note: 'bench' }, BENCH_ACTOR);
    };

    const latencies: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (let first = 0; first < coolers; first += concurrency) {
        const indices = Array.from({ length: Math.min(concurrency, coolers - first) }, (_, i) => first + i);
        const measured = await Promise.all(indices.map(fault));
        if (round > 0) latencies.push(...measured.map((m) => m.ms));
        await Promise.all(indices.map((index, i) => coolDown(index, measured[i]!.ticketId)));
      }
    }
    off();
    const sorted = latencies.sort((a, b) => a - b);
    return {
      p50Ms: round2(percentile(sorted, 0.5)),
      p99Ms: round2(percentile(sorted, 0.99)),
      maxMs: round2(sorted.at(-1) ?? Number.NaN),
      samples: sorted.length,
      coolers,
      concurrency,
    };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function faultLatencyRow(f: FaultLatencyFigure): string {
  const at = f.concurrency === 1 ? 'one at a time' : `${f.concurrency} at once`;
  return `fault → ticket committed, ${f.coolers} coolers, ${at}: p50 ${f.p50Ms.toFixed(1)} ms  p99 ${f.p99Ms.toFixed(1)} ms  max ${f.maxMs.toFixed(1)} ms  (${f.samples} samples; goal p99 ≤ ${f.concurrency >= 100 ? 50 : 20} ms)`;
}
