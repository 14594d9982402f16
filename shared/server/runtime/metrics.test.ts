import { describe, expect, it } from 'vitest';
import { MetricsError, MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('renders HELP, TYPE and one line per label set', () => {
    const registry = new MetricsRegistry();
    const published = registry.counter('galley_published_total', 'Messages published', ['kind']);
    published.inc({ kind: 'telemetry' });
    published.inc({ kind: 'telemetry' }, 2);
    published.inc({ kind: 'event' });
    registry.gauge('galley_up', 'Whether the edge runs').set({}, 1);
    expect(registry.render()).toBe(
      [
        '# HELP galley_published_total Messages published',
        '# TYPE galley_published_total counter',
        'galley_published_total{kind="telemetry"} 3',
        'galley_published_total{kind="event"} 1',
        '# HELP galley_up Whether the edge runs',
        '# TYPE galley_up gauge',
        'galley_up 1',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text', () => {
    const registry = new MetricsRegistry();
    registry.gauge('g', 'line one\nback\\slash', ['v']).set({ v: 'a"b\\c\nd' }, 0.5);
    expect(registry.render()).toBe(
      '# HELP g line one\\nback\\\\slash\n# TYPE g gauge\ng{v="a\\"b\\\\c\\nd"} 0.5\n',
    );
  });

  it('reads collected metrics at scrape time', () => {
    const registry = new MetricsRegistry();
    let connected = 3;
    registry.gauge('galley_mqtt_clients', 'Connected clients', [], { collect: () => [{ value: connected }] });
    expect(registry.render()).toContain('\ngalley_mqtt_clients 3\n');
    connected = 7;
    expect(registry.render()).toContain('\ngalley_mqtt_clients 7\n');
  });

  it('formats special values', () => {
    const registry = new MetricsRegistry();
    const g = registry.gauge('g', 'h', ['k']);
    g.set({ k: 'nan' }, Number.NaN);
    g.set({ k: 'inf' }, Number.POSITIVE_INFINITY);
    g.set({ k: 'ninf' }, Number.NEGATIVE_INFINITY);
    expect(registry.render()).toContain('g{k="nan"} NaN\ng{k="inf"} +Inf\ng{k="ninf"} -Inf');
  });

  it('refuses bad names, wrong labels, negative increments and conflicting registrations', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('bad-name', 'h')).toThrow(MetricsError);
    expect(() => registry.counter('ok', 'h', ['__reserved'])).toThrow(MetricsError);
    const c = registry.counter('c_total', 'h', ['a']);
    expect(() => c.inc({ b: 'x' })).toThrow(expect.objectContaining({ code: 'METRIC_LABELS_MISMATCH' }));
    expect(() => c.inc({ a: 'x' }, -1)).toThrow(expect.objectContaining({ code: 'METRIC_NEGATIVE_INC' }));
    expect(() => registry.gauge('c_total', 'h', ['a'])).toThrow(
      expect.objectContaining({ code: 'METRIC_DUPLICATE' }),
    );
    // The same declaration again (a restarted module) shares the series.
    registry.counter('c_total', 'h', ['a']).inc({ a: 'x' });
    expect(c.get({ a: 'x' })).toBe(1);
  });
});
