import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../../shared/browser/json-client';
import { RolloutRefusalCode } from '../../../../shared/central/edge-releases';
import { createI18n } from '../i18n/setup';
import { rolloutParamWords } from '../updates/rollout-refusal-words';
import { refusalText } from './refusal-text';

const regions = [
  { id: 'east', name: '华东区' },
  { id: 'north', name: '华北区' },
];
const words = rolloutParamWords(regions);

function refused(code: string, params: Record<string, string | number | string[]>, message: string) {
  return new RequestError('rejected', message, 409, 'request_error', undefined, { code, params });
}

const notHealthy = refused(
  'rollout.stage_not_healthy',
  { stage: 'store', stores: ['sh-001', 'sh-002'] },
  "not every box of the 'store' stage is healthy on the release yet: sh-001 (…); sh-002 (…)",
);

describe("central's refusals on the regional page", () => {
  it('words a known code in the page’s language, its stage, stores and region by name', () => {
    expect(refusalText(notHealthy, createI18n('zh-CN'), words)).toBe(
      '“门店”阶段还有门店主机未在新版本上健康运行：等待 sh-001、sh-002（原因见各门店）',
    );
    expect(refusalText(notHealthy, createI18n('en'), words)).toBe(
      "not every box of the 'Store' stage is healthy on the release yet: waiting on sh-001, sh-002 (why is shown by each store)",
    );
    const elsewhere = refused(
      'rollout.region_must_hold_store',
      { store: 'sh-001', storeRegion: 'east', region: 'north' },
      'the region stage must hold the store already updated: sh-001 is in east, not north',
    );
    expect(refusalText(elsewhere, createI18n('zh-CN'), words)).toBe(
      '区域阶段必须包含已更新的门店：sh-001 属于 华东区，不属于 华北区',
    );
    const tech = refused('rollout.role_may_not', { role: 'technician' }, 'role technician may not …');
    expect(refusalText(tech, createI18n('en'), words)).toBe('a Technician may not roll out edge software');
  });

  it("shows central's own message for a code it has no words for, or a group of words' name", () => {
    const later = refused('rollout.some_rule_added_later', { store: 'sh-001' }, 'a rule added later');
    expect(refusalText(later, createI18n('zh-CN'), words)).toBe('a rule added later');
    expect(refusalText(refused('rollout', {}, 'the group'), createI18n('en'))).toBe('the group');
    // Central's own two-language words, where it sent them, in the page's language.
    const both = new RequestError('forbidden', 'not yours', 403, 'forbidden', {
      en: 'not yours',
      'zh-CN': '不是你的',
    });
    expect(refusalText(both, createI18n('zh-CN'))).toBe('不是你的');
    expect(refusalText(new RequestError('network', 'timed out'), createI18n('zh-CN'))).toBe('timed out');
    expect(refusalText(new Error('boom'), createI18n('en'))).toBe('boom');
  });

  it('has words in both languages for every rollout refusal central can send', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const i18n = createI18n(locale);
      for (const code of RolloutRefusalCode.options) {
        const text = refusalText(refused(code, { id: 7 }, `central: ${code}`), i18n, words);
        expect(text, `${locale} ${code}`).not.toBe(`central: ${code}`);
        expect(text, `${locale} ${code}`).not.toContain('refusals.');
      }
    }
  });
});
