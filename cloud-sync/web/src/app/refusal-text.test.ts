import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../../shared/browser/json-client';
import { CommissioningRefusalCode } from '../../../../shared/central/commissioning-progress';
import { RolloutRefusalCode } from '../../../../shared/central/edge-releases';
import { StoreCommandRefusalCode } from '../../../../shared/central/store-commands';
import { StoreStateRefusalCode } from '../../../../shared/central/store-lifecycle';
import { storeCommandParamWords } from '../actions/store-command-refusal-words';
import { createI18n } from '../i18n/setup';
import { storeStateParamWords } from '../stores/store-state-refusal-words';
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

/** Every code central can send on the regional page's actions; each must have words in both languages. */
const CODES = [
  ...RolloutRefusalCode.options,
  ...StoreCommandRefusalCode.options,
  ...StoreStateRefusalCode.options,
  ...CommissioningRefusalCode.options,
];

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

  it('words store commands and store state moves, ticket statuses and states by name', () => {
    const acked = refused(
      'store_command.alarm_already_acknowledged',
      { alarm: 2, by: 'chen' },
      'alarm 2 was already acknowledged by chen',
    );
    expect(refusalText(acked, createI18n('zh-CN'), storeCommandParamWords)).toBe('报警 2 已由 chen 确认');
    const nameless = refused('store_command.alarm_already_acknowledged', { alarm: 2, by: '' }, 'by someone');
    expect(refusalText(nameless, createI18n('en'), storeCommandParamWords)).toBe(
      'alarm 2 was already acknowledged by someone',
    );
    const finished = refused(
      'store_command.ticket_finished',
      { ticket: 8, status: 'closed' },
      'ticket 8 is already closed',
    );
    expect(refusalText(finished, createI18n('zh-CN'), storeCommandParamWords)).toBe(
      '工单 8 已完结（已关闭）',
    );
    const offTable = refused(
      'store_state.not_allowed',
      { from: 'open', to: 'planned', allowed: ['temporarily_closed', 'closing'] },
      'a store may not move from open to planned; allowed next: temporarily_closed, closing',
    );
    expect(refusalText(offTable, createI18n('en'), storeStateParamWords)).toBe(
      "a store may not move from 'Open' to 'Planned'; allowed next: Temporarily closed, Closing",
    );
    // A closed store may go nowhere: the empty list reads as such, not as nothing.
    const final = refused(
      'store_state.same_state',
      { from: 'closed', allowed: [] },
      'the store is already closed; allowed next: none (closed is final)',
    );
    expect(refusalText(final, createI18n('zh-CN'), storeStateParamWords)).toBe(
      '门店已处于“已闭店”状态；下一步可选：无',
    );
  });

  it('has words in both languages for every refusal central can send to the page', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const i18n = createI18n(locale);
      for (const code of CODES) {
        const text = refusalText(refused(code, { id: 7 }, `central: ${code}`), i18n, words);
        expect(text, `${locale} ${code}`).not.toBe(`central: ${code}`);
        expect(text, `${locale} ${code}`).not.toContain('refusals.');
      }
    }
  });
});
