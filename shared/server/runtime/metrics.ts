/**
 * A tiny Prometheus registry rendering text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/).
 *
 * Values either live in the registry (`inc`/`set` as things happen) or are read at
 * scrape time through a `collect` callback, for numbers another module already keeps
 * (rejection totals in SQLite, connected clients in the broker): counting them twice
 * would let the two drift.
 */
export type MetricType = 'counter' | 'gauge';
export type Labels = Record<string, string | number>;
export interface Sample {
  labels?: Labels;
  value: number;
}

export class MetricsError extends Error {
  constructor(
    readonly code:
      | 'METRIC_NAME_INVALID'
      | 'METRIC_DUPLICATE'
      | 'METRIC_LABELS_MISMATCH'
      | 'METRIC_NEGATIVE_INC',
    message: string,
  ) {
    super(message);
    this.name = 'MetricsError';
  }
}

export interface MetricOptions {
  /** Called at every scrape; its samples replace whatever `inc`/`set` recorded. */
  collect?: () => Iterable<Sample>;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

abstract class Metric {
  protected readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: MetricType,
    readonly labelNames: readonly string[],
    private readonly collector: MetricOptions['collect'],
  ) {
    if (!METRIC_NAME.test(name))
      throw new MetricsError('METRIC_NAME_INVALID', `invalid metric name "${name}"`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) {
        throw new MetricsError('METRIC_NAME_INVALID', `invalid label name "${label}" on ${name}`);
      }
    }
  }

  protected add(labels: Labels, delta: number, replace: boolean): void {
    const key = this.keyOf(labels);
    const entry = this.values.get(key);
    if (entry && !replace) entry.value += delta;
    else this.values.set(key, { labels: { ...labels }, value: delta });
  }

  /** Current value for `labels` (0 if never set); mostly for tests and health checks. */
  get(labels: Labels = {}): number {
    return this.values.get(this.keyOf(labels))?.value ?? 0;
  }

  samples(): Sample[] {
    if (this.collector) return [...this.collector()];
    return [...this.values.values()];
  }

  private keyOf(labels: Labels): string {
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || !this.labelNames.every((l) => l in labels)) {
      throw new MetricsError(
        'METRIC_LABELS_MISMATCH',
        `${this.name} takes labels [${this.labelNames.join(', ')}], got [${given.join(', ')}]`,
      );
    }
    return this.labelNames.map((l) => String(labels[l])).join('\u0000');
  }
}

export class Counter extends Metric {
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new MetricsError('METRIC_NEGATIVE_INC', `${this.name}: counters only go up`);
    this.add(labels, by, false);
  }
}

export class Gauge extends Metric {
  set(labels: Labels, value: number): void {
    this.add(labels, value, true);
  }
  inc(labels: Labels = {}, by = 1): void {
    this.add(labels, by, false);
  }
  dec(labels: Labels = {}, by = 1): void {
    this.add(labels, -by, false);
  }
}

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  /**
   * Registering the same name again with the same type and labels returns the
   * existing metric (a module restarted in the same process keeps counting);
   * anything else under a taken name throws.
   */
  counter(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    options: MetricOptions = {},
  ): Counter {
    const existing = this.#reuse(name, 'counter', labelNames, options);
    if (existing instanceof Counter) return existing;
    return this.#register(new Counter(name, help, 'counter', labelNames, options.collect));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = [], options: MetricOptions = {}): Gauge {
    const existing = this.#reuse(name, 'gauge', labelNames, options);
    if (existing instanceof Gauge) return existing;
    return this.#register(new Gauge(name, help, 'gauge', labelNames, options.collect));
  }

  has(name: string): boolean {
    return this.#metrics.has(name);
  }

  /** The whole registry in text format 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const metric of this.#metrics.values()) {
      lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`);
      lines.push(`# TYPE ${metric.name} ${metric.type}`);
      for (const sample of metric.samples()) {
        lines.push(`${metric.name}${formatLabels(sample.labels ?? {})} ${formatValue(sample.value)}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  #reuse(
    name: string,
    type: MetricType,
    labelNames: readonly string[],
    options: MetricOptions,
  ): Metric | undefined {
    const existing = this.#metrics.get(name);
    if (!existing) return undefined;
    const same =
      existing.type === type &&
      !options.collect &&
      existing.labelNames.length === labelNames.length &&
      existing.labelNames.every((l, i) => l === labelNames[i]);
    if (!same) throw new MetricsError('METRIC_DUPLICATE', `metric ${name} is already registered differently`);
    return existing;
  }

  #register<M extends Metric>(metric: M): M {
    if (this.#metrics.has(metric.name)) {
      throw new MetricsError('METRIC_DUPLICATE', `metric ${metric.name} is already registered`);
    }
    this.#metrics.set(metric.name, metric);
    return metric;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`).join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
