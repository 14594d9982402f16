import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { alarmView, batchOf, event, http, login } from '../../cloud-sync/central/testing/central-test-kit';
import type { TestPostgres } from '../../shared/server/testing/postgres';
import { SYNC_ROUTES } from '../../shared/sync/sync-protocol';
import { AlertFeedWatcher, type FeedTarget, percentile } from '../testing/central-alert-feed';
import {
  type CentralProcess,
  CLUSTER_ADMIN_PASSWORD,
  type LoadBalancer,
  startCentralProcess,
  startHaproxy,
} from '../testing/central-cluster-kit';
import type { AckedAlarm } from '../testing/central-cluster-traffic';
import { exchange } from './central-ingest-clients';

/** The sync rate the figures are stated at: each store sends one batch of this many events this often. */
export interface SyncRate {
  eventsPerBatch: number;
  intervalMs: number;
}

export const BENCH_SYNC_RATE: SyncRate = { eventsPerBatch: 20, intervalMs: 5_000 };
/** Critical alarms raised per second over all stores (one event of a batch), for the alert latency. */
export const BENCH_ALARMS_PER_S = 10;

export interface ClusterBenchFigure {
  processes: number;
  stores: number;
  rate: SyncRate;
  measuredSeconds: number;
  events: number;
  failedPosts: number;
  centralCpuMsPerEvent: number;
  postgresCpuMsPerEvent: number;
  ackP99Ms: number;
  /** events the stores had to send in the window at the stated rate */
  offeredEvents: number;
  /** sync POST of a critical alarm (acknowledged) to the poll of the page's feed that showed it */
  alertP99Ms: number;
  alertSamples: number;
  /** of those, shown by a process other than the one that took the write */
  crossProcessAlerts: number;
  /** alarms acknowledged in the window that the feed had not shown 10 s after it */
  alertsUnseen: number;
  /** the feed was read through the shipped HAProxy configuration (three processes) */
  feedThroughBalancer: boolean;
  /** the machine's 1-minute load average at the end of the window (it is shared) */
  loadAverage: number;
}

const CLOCK_TICKS_PER_S = 100;

/**
 * `processes` central processes on one PostgreSQL; `stores` stores post their batches at
 * `rate`, spread over the interval and over the processes (store i's k-th batch goes to
 * process (i + k) mod n, as a round-robin balancer would). The warm-up lasts one interval
 * per process, so every store has been verified by every process before the measured
 * window. Over that window the CPU time of the central processes and of every PostgreSQL
 * process (postmaster and backends, from /proc) is divided by the events acknowledged in
 * it; the posting clients run in this process and are not counted.
 *
 * Meanwhile `alarmsPerS` batches a second carry a critical alarm, and the regional page's
 * live feed is polled as the page does (GET /api/alarms?after=…, every second): through the
 * shipped HAProxy configuration when there are three processes, else each process in turn.
 * Alert latency = from the alarm's sync POST to the poll that showed it.
 */
export async function benchCentralCluster(
  postgres: TestPostgres,
  options: {
    processes: number;
    stores: number;
    rate?: SyncRate;
    alarmsPerS?: number;
    warmupMs?: number;
    measureMs?: number;
  },
): Promise<ClusterBenchFigure> {
  const rate = options.rate ?? BENCH_SYNC_RATE;
  const databaseUrl = await postgres.createDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-cluster-bench-'));
  const processes: CentralProcess[] = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  let lb: LoadBalancer | undefined;
  let feed: AlertFeedWatcher | undefined;
  try {
    processes.push(
      ...(await Promise.all(
        Array.from({ length: options.processes }, () =>
          startCentralProcess({ databaseUrl, dataDir, port: 0 }),
        ),
      )),
    );
    await client.connect();
    const first = processes[0] as CentralProcess;
    const admin = await login(first.url, 'admin', CLUSTER_ADMIN_PASSWORD);
    const tokens = await addStores(processes, admin, options.stores);
    if (options.processes === 3) {
      const [a, b, c] = processes as [CentralProcess, CentralProcess, CentralProcess];
      lb = await startHaproxy([a.port, b.port, c.port], 1_000);
    }
    const targets: FeedTarget[] = processes.map((p, i) => ({ url: p.url, name: serverName(i) }));
    feed = new AlertFeedWatcher(lb ? lb.url : targets, admin);
    await feed.start();
    const load = startLoad(processes, tokens, rate, options.alarmsPerS ?? BENCH_ALARMS_PER_S, feed.acked);
    await sleep(options.warmupMs ?? options.processes * rate.intervalMs + 1_000);
    const postmaster = await postmasterPid(client);
    const centralPids = processes.map((p) => p.pid);
    const cpuBefore = { central: cpuMs(centralPids), postgres: postgresCpuMs(postmaster) };
    const ackedBefore = load.ackedEvents();
    const latenciesFrom = load.latencies.length;
    const startedAt = Date.now();
    await sleep(options.measureMs ?? 20_000);
    const endedAt = Date.now();
    const events = load.ackedEvents() - ackedBefore;
    const measuredSeconds = (endedAt - startedAt) / 1000;
    const central = cpuMs(centralPids) - cpuBefore.central;
    const postgresCpu = postgresCpuMs(postmaster) - cpuBefore.postgres;
    const latencies = load.latencies.slice(latenciesFrom);
    await load.stop();
    await feed.waitAllSeen(10_000);
    const inWindow = (sentAt: number) => sentAt >= startedAt && sentAt < endedAt;
    const alerts = feed.samples().filter((sample) => inWindow(sample.sentAt));
    const unseen = feed.unseen().filter((alarm) => inWindow(alarm.sentAt));
    return {
      processes: options.processes,
      stores: options.stores,
      rate,
      measuredSeconds,
      events,
      failedPosts: load.failedPosts(),
      centralCpuMsPerEvent: events > 0 ? central / events : Number.NaN,
      postgresCpuMsPerEvent: events > 0 ? postgresCpu / events : Number.NaN,
      ackP99Ms: percentile(latencies, 99),
      offeredEvents: Math.round(
        (options.stores * rate.eventsPerBatch * measuredSeconds * 1000) / rate.intervalMs,
      ),
      alertP99Ms: percentile(
        alerts.map((sample) => sample.latencyMs),
        99,
      ),
      alertSamples: alerts.length,
      crossProcessAlerts: alerts.filter((sample) => sample.crossProcess).length,
      alertsUnseen: unseen.length,
      feedThroughBalancer: lb !== undefined,
      loadAverage: loadavg()[0] ?? Number.NaN,
    };
  } finally {
    await feed?.stop();
    await lb?.stop();
    await client.end();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** HAProxy's name of the i-th process (galley-central.cfg: central1, central2, central3). */
function serverName(i: number): string {
  return `central${i + 1}`;
}

/** Creates the stores and their tokens, a few at a time over the processes. */
async function addStores(
  processes: CentralProcess[],
  admin: string,
  count: number,
): Promise<[string, string][]> {
  const tokens: [string, string][] = [];
  const AT_ONCE = 8;
  for (let from = 0; from < count; from += AT_ONCE) {
    const ids = Array.from({ length: Math.min(AT_ONCE, count - from) }, (_, k) => from + k);
    tokens.push(
      ...(await Promise.all(
        ids.map(async (i): Promise<[string, string]> => {
          const via = (processes[i % processes.length] as CentralProcess).url;
          const id = `b-${String(i).padStart(5, '0')}`;
          const store = await http(`${via}/api/admin/stores`, {
            token: admin,
            body: { id, regionId: `r-${i % 20}` },
          });
          if (store.status !== 201)
            throw new Error(`store ${id}: ${store.status} ${JSON.stringify(store.body)}`);
          const issued = await http<{ token: string }>(`${via}/api/admin/stores/${id}/tokens`, {
            token: admin,
            method: 'POST',
          });
          if (issued.status !== 201) throw new Error(`token ${id}: ${issued.status}`);
          return [id, issued.body.token];
        }),
      )),
    );
  }
  return tokens;
}

function startLoad(
  processes: CentralProcess[],
  tokens: [string, string][],
  rate: SyncRate,
  alarmsPerS: number,
  onAlarmAcked: (alarm: AckedAlarm) => void,
) {
  let stopped = false;
  let acked = 0;
  let failed = 0;
  let batches = 0;
  // Batches a second over all stores, over alarms a second: every n-th batch carries one.
  const alarmEvery = Math.max(1, Math.round(tokens.length / (rate.intervalMs / 1000) / alarmsPerS));
  const latencies: number[] = [];
  // The stores stand in for edge boxes with CPUs of their own: the cheapest client there is
  // (node:http, kept-alive connections) leaves the shared machine to central and PostgreSQL.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const syncUrls = processes.map((process) => new URL(SYNC_ROUTES.batches, process.url));
  const store = async (storeId: string, token: string, index: number) => {
    await sleep((index * rate.intervalMs) / tokens.length);
    let seq = 1;
    let turn = index;
    let alarmId = 0;
    let minute = Date.UTC(2026, 0, 5, 8);
    while (!stopped) {
      const due = Date.now() + rate.intervalMs;
      const withAlarm = batches++ % alarmEvery === 0;
      if (withAlarm) alarmId++;
      const events = Array.from({ length: rate.eventsPerBatch }, (_, i) => {
        if (i === 0 && withAlarm) return event(seq, 'alarm.raised', alarmId, alarmView({ id: alarmId }));
        const equipmentId = `unit-${i % 5}`;
        minute += 60_000;
        return event(seq + i, 'rollup.minute', equipmentId, {
          equipmentId,
          minuteTs: minute,
          metrics: { temp_c: { min: 2.5, max: 3.5, avg: 3, count: 6 } },
        });
      });
      const target = turn++ % processes.length;
      const sent = Date.now();
      const answer = await exchange(syncUrls[target] as URL, agent, {
        method: 'POST',
        token,
        body: JSON.stringify(batchOf(storeId, events)),
      }).catch(() => undefined);
      if (answer && answer.status >= 200 && answer.status < 300) {
        const ackedAt = Date.now();
        latencies.push(ackedAt - sent);
        acked += events.length;
        seq += events.length;
        if (withAlarm) onAlarmAcked({ storeId, alarmId, sentAt: sent, ackedAt, server: serverName(target) });
      } else failed++;
      await sleep(Math.max(0, due - Date.now()));
    }
  };
  const running = tokens.map(([id, token], i) => store(id, token, i));
  return {
    latencies,
    ackedEvents: () => acked,
    failedPosts: () => failed,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
      agent.destroy();
    },
  };
}

/** The postmaster: the parent of every backend, WAL writer and checkpointer. */
async function postmasterPid(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const backend = rows[0]?.pid;
  if (backend === undefined) throw new Error('no backend pid');
  const postmaster = statFields(backend)?.ppid;
  if (postmaster === undefined) throw new Error(`cannot read /proc/${backend}/stat`);
  return postmaster;
}

/**
 * CPU of all of PostgreSQL so far: the postmaster, its children alive now (listed afresh at
 * each reading: pools open and close connections, so backends come and go within a window)
 * and the children it has reaped, whose time the kernel adds to its cutime and cstime.
 */
function postgresCpuMs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) throw new Error(`PostgreSQL's postmaster ${postmaster} is gone`);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statFields(pid)?.ppid === postmaster);
  return cpuMs(children) + ((own.utime + own.stime + own.cutime + own.cstime) * 1000) / CLOCK_TICKS_PER_S;
}

function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += fields.utime + fields.stime;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces); undefined once the process is gone. */
function statFields(
  pid: number,
): { ppid: number; utime: number; stime: number; cutime: number; cstime: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // The process ended between listing and reading: a reaped backend's time is in its parent's cutime.
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After ")": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), so index = field − 3.
  return {
    ppid: Number(rest[1]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    cutime: Number(rest[13]),
    cstime: Number(rest[14]),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function clusterBenchRow(f: ClusterBenchFigure): string {
  return (
    `central-cluster processes=${f.processes} stores=${f.stores} ` +
    `rate=${f.rate.eventsPerBatch}ev/${f.rate.intervalMs / 1000}s events=${f.events} in ${f.measuredSeconds.toFixed(1)} s ` +
    `central_cpu_ms_per_event=${f.centralCpuMsPerEvent.toFixed(3)} postgres_cpu_ms_per_event=${f.postgresCpuMsPerEvent.toFixed(3)} ` +
    `ack_p99_ms=${f.ackP99Ms} failed_posts=${f.failedPosts} offered=${f.offeredEvents} ` +
    `alert_p99_ms=${f.alertP99Ms} alerts=${f.alertSamples} cross_process=${f.crossProcessAlerts} ` +
    `unseen=${f.alertsUnseen} feed=${f.feedThroughBalancer ? 'haproxy' : 'direct'} ` +
    `load_avg=${f.loadAverage.toFixed(1)}/${availableParallelism()}cores`
  );
}
