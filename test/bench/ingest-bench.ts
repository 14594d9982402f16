import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { EdgeApp } from '../../edge/app/edge-app';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import type { StoreConfig } from '../../shared/config/store-config';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { topics } from '../../shared/topics';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');

export interface IngestFigure {
  target: 'bare aedes relay' | 'galley pipeline';
  qos: 0 | 1;
  messages: number;
  seconds: number;
  perSecond: number;
  rssMiB: number;
}

async function connect(port: number, username?: string, password?: string): Promise<MqttClient> {
  const client = mqtt.connect({
    host: '127.0.0.1',
    port,
    protocolVersion: 4,
    reconnectPeriod: 0,
    ...(username ? { username, password } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/**
 * The same publisher for both targets: one device publishing `messages` telemetry
 * messages as fast as the client lets it, in windows of `window` unacknowledged
 * messages for QoS 1 (as firmware with a bounded in-flight queue does).
 */
async function publishAll(client: MqttClient, topic: string, messages: number, qos: 0 | 1): Promise<void> {
  const base = Date.now() - messages;
  const window = 500;
  for (let sent = 0; sent < messages; sent += window) {
    const batch: Promise<unknown>[] = [];
    for (let i = sent; i < Math.min(messages, sent + window); i++) {
      const payload = JSON.stringify({
        ts: base + i,
        readings: { temp_c: 3 + (i % 20) / 10, door_open: false },
      });
      batch.push(client.publishAsync(topic, payload, { qos }));
    }
    await Promise.all(batch);
  }
}

function rssMiB(): number {
  return Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
}

function figure(target: IngestFigure['target'], qos: 0 | 1, messages: number, ms: number): IngestFigure {
  return {
    target,
    qos,
    messages,
    seconds: ms / 1000,
    perSecond: Math.round((messages / ms) * 1000),
    rssMiB: rssMiB(),
  };
}

/** Bare relay: publisher → aedes → one subscriber; done when the subscriber has every message. */
export async function benchBareRelay(messages: number, qos: 0 | 1): Promise<IngestFigure> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const topic = topics.telemetry('bench', 'wic-1');
  const subscriber = await connect(port);
  await subscriber.subscribeAsync(topic, { qos });
  let received = 0;
  const allReceived = new Promise<void>((resolve) =>
    subscriber.on('message', () => {
      if (++received === messages) resolve();
    }),
  );
  const publisher = await connect(port);
  const start = performance.now();
  await publishAll(publisher, topic, messages, qos);
  await allReceived;
  const result = figure('bare aedes relay', qos, messages, performance.now() - start);
  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

/**
 * Whole pipeline: publisher → auth/ACL → validation → group commit in SQLite →
 * relay to one subscriber; done when every message is both delivered and committed.
 */
export async function benchPipeline(messages: number, qos: 0 | 1): Promise<IngestFigure> {
  const base = loadStoreConfig(DEMO_CONFIG);
  const config: StoreConfig = {
    ...base,
    limits: { ...base.limits, messagesPerSecond: 1_000_000, messageBurst: 1_000_000 },
  };
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
  const secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add('wic-1');
  const topic = topics.telemetry(config.store.id, 'wic-1');
  const subscriber = await connect(mqttPort, 'wic-1', secret);
  await subscriber.subscribeAsync(topic, { qos });
  let received = 0;
  let committed = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const check = () => {
    if (received >= messages && committed >= messages) resolveDone();
  };
  subscriber.on('message', () => {
    received++;
    check();
  });
  const unsubscribe = app.bus.on('readingsCommitted', (batch) => {
    committed += batch.length;
    check();
  });
  const publisher = await connect(mqttPort, 'wic-1', secret);
  const start = performance.now();
  await publishAll(publisher, topic, messages, qos);
  await done;
  const result = figure('galley pipeline', qos, messages, performance.now() - start);
  unsubscribe();
  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return result;
}

export interface IngestComparison {
  qos: 0 | 1;
  /** bare relay and pipeline runs, alternating, in the order they ran */
  pairs: { bare: IngestFigure; pipeline: IngestFigure }[];
  /** median of the per-pair ratios pipeline / bare relay */
  medianRatio: number;
}

/**
 * Runs the bare relay and the pipeline `repetitions` times each, alternating, and
 * takes the median of the per-pair ratios. On a shared machine one run of either
 * side swings by ±30 % with what else is running; a pair runs back to back, so its
 * ratio cancels most of that, and the median drops the odd pair a burst hit.
 */
export async function compareIngest(
  messages: number,
  qos: 0 | 1,
  repetitions = 5,
): Promise<IngestComparison> {
  // Warm-up so JIT and SQLite page cache do not favour whichever runs second.
  await benchBareRelay(2000, qos);
  await benchPipeline(2000, qos);
  const pairs: IngestComparison['pairs'] = [];
  for (let i = 0; i < repetitions; i++) {
    const bare = await benchBareRelay(messages, qos);
    const pipeline = await benchPipeline(messages, qos);
    pairs.push({ bare, pipeline });
  }
  const ratios = pairs.map((p) => p.pipeline.perSecond / p.bare.perSecond).sort((a, b) => a - b);
  return { qos, pairs, medianRatio: ratios[Math.floor(ratios.length / 2)] ?? 0 };
}
