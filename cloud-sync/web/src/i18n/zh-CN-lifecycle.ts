import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enLifecycle } from './en-lifecycle';

export const zhCNLifecycle: TranslationsOf<typeof enLifecycle> = {
  chipTitle: '{{date}} 起{{state}}',
  quiet: '门店未营业，不向区域发送告警',
  title: '门店状态',
  change: '变更状态',
  to: '新状态',
  reason: '原因',
  reasonHint: '暂停营业、闭店中及越级变更须填写',
  override: '越级变更（仅管理员，须填原因）',
  submit: '变更状态',
  moved: '已变更为{{state}}',
  refused: '未变更：{{message}}',
  final: '已闭店为最终状态：历史记录保留，不再同步。',
  history: '状态历史',
  historyEmpty: '门店创建以来尚无状态变更。',
  by: '操作人 {{by}}',
  overridden: '越级',
};
