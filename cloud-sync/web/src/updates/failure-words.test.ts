import { describe, expect, it } from 'vitest';
import type { HaltedCause } from '../../../../shared/central/edge-releases';
import { createI18n } from '../i18n/setup';
import { haltedReasonWords } from './failure-words';

const ENGLISH = 'store sh-002: rolled back from 1.4.0: it exited before it was kept: exit code 1';
const crashed: HaltedCause = {
  store: 'sh-002',
  outcome: 'rolled_back',
  release: '1.4.0',
  cause: { code: 'exited_before_kept', backTo: '1.3.2', seconds: null, detail: 'exit code 1' },
};

describe('halted reason wording', () => {
  it("words a box's rollback in Chinese from its structured cause, keeping the box's detail as it came", () => {
    const { t } = createI18n('zh-CN');
    const words = haltedReasonWords({ haltedReason: ENGLISH, haltedCause: crashed }, t);
    expect(words).toBe(
      '门店 sh-002 已从 1.4.0 回滚到 1.3.2：启动中退出，未能保留（加载时崩溃）（exit code 1）',
    );
    expect(words).not.toContain('rolled back');
  });

  it('words each cause code in both languages', () => {
    const zh = createI18n('zh-CN').t;
    const en = createI18n('en').t;
    const notReady: HaltedCause = {
      ...crashed,
      cause: { code: 'not_healthy_in_time', backTo: '1.3.2', seconds: 60, detail: null },
    };
    expect(haltedReasonWords({ haltedReason: ENGLISH, haltedCause: notReady }, zh)).toBe(
      '门店 sh-002 已从 1.4.0 回滚到 1.3.2：60 秒内未达到健康（就绪检查未通过）',
    );
    expect(haltedReasonWords({ haltedReason: ENGLISH, haltedCause: notReady }, en)).toBe(
      'store sh-002 rolled back from 1.4.0 to 1.3.2: not healthy within 60 s (readiness check failed)',
    );
    const refused: HaltedCause = { store: 'bj-001', outcome: 'refused', release: '2.0.0', cause: null };
    expect(haltedReasonWords({ haltedReason: 'x', haltedCause: refused }, zh)).toBe(
      '门店 bj-001 拒绝了 2.0.0',
    );
  });

  it('keeps the stored English text for a person, an older row or an unknown shape', () => {
    const { t } = createI18n('zh-CN');
    expect(haltedReasonWords({ haltedReason: ENGLISH, haltedCause: null }, t)).toBe(ENGLISH);
    expect(haltedReasonWords({ haltedReason: 'admin: bad menu sync' }, t)).toBe('admin: bad menu sync');
  });
});
