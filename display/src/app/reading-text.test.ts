import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup';
import { metricLabel } from './metric-label';
import { readingText } from './reading-text';

const NOW = Date.UTC(2026, 0, 5, 4, 0);

describe('a reading in words', () => {
  it('reads a door as open or closed, in both languages', () => {
    const zh = createI18n('zh-CN').t;
    const en = createI18n('en').t;
    const closed = { value: false, ts: NOW };
    const open = { value: true, ts: NOW };
    expect(`${metricLabel('door_open', zh)} ${readingText('door_open', closed, undefined, zh)}`).toBe(
      '门 关',
    );
    expect(`${metricLabel('door_open', zh)} ${readingText('door_open', open, undefined, zh)}`).toBe('门 开');
    expect(`${metricLabel('door_open', en)}: ${readingText('door_open', closed, undefined, en)}`).toBe(
      'Door: Closed',
    );
    expect(readingText('compressor_on', open, undefined, zh)).toBe('运行中');
    expect(readingText('defrost_on', closed, undefined, en)).toBe('Off');
  });

  it('keeps numbers with their unit', () => {
    const en = createI18n('en').t;
    expect(readingText('temp_c', { value: -18.74, ts: NOW }, '°C', en)).toBe('−18.7 °C');
    expect(readingText('temp_c', undefined, '°C', en)).toBe('—');
  });
});
