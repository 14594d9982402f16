import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandIo } from '../../shared/server/command-io';
import { POSTGRES_BIN, startTestPostgres } from '../../shared/server/testing/postgres';
import { brokenGoal, capacityModel, goalShare } from './central-capacity-model';
import { benchCentralCluster, type ClusterBenchFigure, clusterBenchRow } from './central-cluster-bench';
import { benchCentralIngest, centralIngestRow } from './central-ingest-bench';
import { benchCentralRetention, retentionBenchRow } from './central-retention-bench';
import { benchFaultLatency, faultLatencyRow } from './fault-latency-bench';
import { benchReportFromStore, benchReportSynthetic, reportBenchRow } from './food-safety-report-bench';
import { benchFoodSafetyStorage, storageBenchRow } from './food-safety-storage-bench';
import { compareIngest, type IngestFigure } from './ingest-bench';
import { benchKds, kdsBenchMinutes, kdsRows } from './kds-bench';
import { benchPredictive, predictiveRows } from './predictive-bench';
import { benchRestart, restartRow } from './restart-bench';
import { benchScale, scaleRows } from './scale-bench';
import { benchSyncDrain, syncDrainRow } from './sync-drain';

function row(f: IngestFigure): string {
  return `${f.target.padEnd(17)} QoS ${f.qos}  ${String(f.messages).padStart(7)} msgs  ${f.seconds.toFixed(2).padStart(6)} s  ${String(f.perSecond).padStart(7)} msg/s  RSS ${f.rssMiB} MiB`;
}

export const BENCHMARKS = [
  'ingest',
  'fault-latency',
  'scale',
  'sync-drain',
  'central-ingest',
  'restart',
  'kds',
  'food-safety-report',
  'food-safety-storage',
  'predictive',
  'central-cluster',
  'central-retention',
] as const;

const BENCH_USAGE = `usage: galley bench [--only NAME[,NAME…]] [--messages N] [--repetitions N] [--kds-minutes M]
  prints figures, asserts nothing; the tests check behaviour
  --only         run just these: ${BENCHMARKS.join(', ')}
  --messages     messages per ingest run (default 20000)
  --repetitions  ingest runs per target (default 5)
  --kds-minutes  how long the kds rush runs, 200 orders/min (default 10, or env GALLEY_KDS_BENCH_MINUTES; 0.5 = 30 s)
`;

/**
 * `npm run bench`: prints figures; it asserts nothing (the tests check behaviour).
 * `--only sync-drain,central-ingest` runs just the named ones (see BENCHMARKS).
 */
export async function runBenchmarks(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '20000' },
      repetitions: { type: 'string', default: '5' },
      only: { type: 'string' },
      'kds-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(BENCH_USAGE);
    return 0;
  }
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(BENCHMARKS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) {
    io.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}\n`);
    return 2;
  }
  const wanted = (name: (typeof BENCHMARKS)[number]) => only === undefined || only.includes(name);
  if (wanted('ingest')) await ingestBenchmarks(Number(values.messages), Number(values.repetitions), io);
  if (wanted('fault-latency'))
    for (const concurrency of [1, 10, 100])
      io.stdout.write(`${faultLatencyRow(await benchFaultLatency({ concurrency }))}\n`);
  if (wanted('scale')) {
    // 1 000 devices is the footprint goal's load (RSS ≤ 150 MiB); 2 000 the large store.
    io.stdout.write(`${scaleRows(await benchScale({ devices: 1000 }))}\n`);
    io.stdout.write(`${scaleRows(await benchScale())}\n`);
    // The same load without preventive-maintenance plans: what the plans' per-reading work costs.
    io.stdout.write(`${scaleRows(await benchScale({ maintenancePlans: false }), ' (no PM plans)')}\n`);
  }
  if (wanted('sync-drain')) io.stdout.write(`${syncDrainRow(await benchSyncDrain())}\n`);
  if (wanted('central-ingest')) {
    io.stdout.write(`${centralIngestRow(await benchCentralIngest())}\n`);
    io.stdout.write(`${await centralIngestOnPostgres()}\n`);
  }
  if (wanted('restart')) io.stdout.write(`${restartRow(await benchRestart())}\n`);
  if (wanted('kds')) {
    const minutes = kdsBenchMinutes(
      values['kds-minutes'] === undefined ? process.env : { GALLEY_KDS_BENCH_MINUTES: values['kds-minutes'] },
    );
    const progress = (line: string) => io.stderr.write(`kds: ${line}\n`);
    io.stdout.write(`${kdsRows(await benchKds({ minutes, progress }))}\n`);
  }
  if (wanted('food-safety-report')) {
    // A month of a 20-unit store, read back through the food-safety store from SQLite; then the report's own cost.
    io.stdout.write(`${reportBenchRow(await benchReportFromStore())}\n`);
    io.stdout.write(`${reportBenchRow(await benchReportSynthetic())}\n`);
  }
  if (wanted('food-safety-storage')) {
    // Bytes per minute record of a 20-unit store over a month, projected to the two years kept.
    for (const layout of ['as-migrated', 'by-seq'] as const)
      io.stdout.write(`${storageBenchRow(await benchFoodSafetyStorage({ layout }))}\n`);
  }
  if (wanted('predictive')) {
    // Simulated degradations and normal fleets on the simulation's clock; per-run figures go to stderr.
    const result = benchPredictive({ progress: (line) => io.stderr.write(`${line}\n`) });
    io.stdout.write(`${predictiveRows(result)}\n`);
    io.stderr.write(`predictive: ${result.seconds.toFixed(1)} s\n`);
  }
  if (wanted('central-cluster')) io.stdout.write(`${await centralClusterBench(io)}\n`);
  if (wanted('central-retention')) io.stdout.write(`${await centralRetentionBench()}\n`);
  return 0;
}

async function ingestBenchmarks(messages: number, repetitions: number, io: CommandIo): Promise<void> {
  io.stdout.write(
    `ingest throughput, one publisher, ${messages} telemetry messages, 1 subscriber, ${repetitions} alternating runs each\n`,
  );
  for (const qos of [0, 1] as const) {
    const { pairs, medianRatio } = await compareIngest(messages, qos, repetitions);
    for (const { bare, pipeline } of pairs) {
      io.stdout.write(`${row(bare)}\n${row(pipeline)}\n`);
      io.stdout.write(`  ratio ${(pipeline.perSecond / bare.perSecond).toFixed(2)}×\n`);
    }
    io.stdout.write(
      `  pipeline / bare relay at QoS ${qos}, median of ${pairs.length}: ${medianRatio.toFixed(2)}×\n`,
    );
  }
}

/** The same burst against a throw-away PostgreSQL 15 server (central's DATABASE_URL mode). */
async function centralIngestOnPostgres(): Promise<string> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb')))
    return `central ingest postgres: skipped, ${POSTGRES_BIN}/initdb missing (apt-get install postgresql)`;
  const postgres = await startTestPostgres();
  try {
    return centralIngestRow(await benchCentralIngest({ databaseUrl: await postgres.createDatabase() }));
  } finally {
    await postgres.stop();
  }
}

/** A month of rollups expired on PostgreSQL: dropping partitions against the DELETE it replaced. */
async function centralRetentionBench(): Promise<string> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb')))
    return `central retention: skipped, ${POSTGRES_BIN}/initdb missing (apt-get install postgresql)`;
  const postgres = await startTestPostgres();
  try {
    return retentionBenchRow(await benchCentralRetention(postgres));
  } finally {
    await postgres.stop();
  }
}

/**
 * CPU per synced event and alert latency at 1, 2 and 3 central processes on one PostgreSQL,
 * then three processes at growing sizes to the largest that holds the goals, and the model.
 */
async function centralClusterBench(io: CommandIo): Promise<string> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb')))
    return `central cluster: skipped, ${POSTGRES_BIN}/initdb missing (apt-get install postgresql)`;
  const postgres = await startTestPostgres();
  try {
    const stores = Number(process.env.GALLEY_CLUSTER_BENCH_STORES ?? '400');
    const figures = [];
    for (const processes of [1, 2, 3]) {
      figures.push(await benchCentralCluster(postgres, { processes, stores }));
      io.stdout.write(`${clusterBenchRow(figures.at(-1) as ClusterBenchFigure)}\n`);
    }
    // Then three processes at growing sizes until a run breaks the ack or alert p99 goal.
    const sizes = (process.env.GALLEY_CLUSTER_BENCH_SIZES ?? '1000,2000,4000').split(',').map(Number);
    for (const size of sizes.filter((n) => n > stores)) {
      const figure = await benchCentralCluster(postgres, { processes: 3, stores: size });
      figures.push(figure);
      io.stdout.write(`${clusterBenchRow(figure)}\n`);
      if (brokenGoal(figure) !== undefined) break;
    }
    // One process with its share of the goal's deployment: what each of the three would carry.
    const share = goalShare();
    figures.push(await benchCentralCluster(postgres, { processes: 1, stores: share }));
    io.stdout.write(`${clusterBenchRow(figures.at(-1) as ClusterBenchFigure)}\n`);
    return capacityModel(figures);
  } finally {
    await postgres.stop();
  }
}
