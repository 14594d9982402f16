import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enRefusals } from './en-refusals';

/** 中央服务按固定代码给出的拒绝原因（在 zh-CN.ts 中挂为 `refusals`）；页面没有对应用语的代码，显示中央的原文。 */
export const zhCNRefusals: TranslationsOf<typeof enRefusals> = {
  listSeparator: '、',
  emptyList: '无',
  someone: '某人',
  rollout: {
    halted: '该发布已暂停：请在排除原因后发起新的发布',
    changed: '该发布刚刚被他人更改，请刷新后再看',
    not_found: '发布 #{{id}} 不在您的可见范围内',
    release_not_found: '版本 {{release}} 尚未上传',
    only_widens:
      '发布只能逐级扩大（门店 → 区域 → 全部门店）：当前为“{{current}}”阶段，“{{next}}”不会扩大范围',
    stage_needs_target: '“{{stage}}”阶段需要指定目标',
    all_takes_no_target: '“全部门店”阶段不能指定目标',
    region_must_hold_store: '区域阶段必须包含已更新的门店：{{store}} 属于 {{storeRegion}}，不属于 {{region}}',
    override_admin_only: '只有管理员可以在阶段不健康时强制推进',
    stage_not_healthy: '“{{stage}}”阶段还有门店主机未在新版本上健康运行：等待 {{stores}}（原因见各门店）',
    no_open_store: '没有营业中的门店 {{store}}',
    no_store_in_region: '区域 {{region}} 内没有营业中的门店',
    role_may_not: '{{role}}不能发布门店主机软件',
    manager_without_region: '未分配区域的区域经理不能发布门店主机软件',
    all_admin_only: '只有管理员可以发布到全部门店',
    beyond_region: '该发布超出了您的区域 {{region}}',
  },
  store_command: {
    store_not_in_scope: '门店 {{store}} 不在您的范围内',
    alarm_not_synced: '门店 {{store}} 尚未把报警 {{alarm}} 同步到中央服务',
    alarm_already_acknowledged: '报警 {{alarm}} 已由 {{by}} 确认',
    ticket_not_synced: '门店 {{store}} 尚未把工单 {{ticket}} 同步到中央服务',
    ticket_finished: '工单 {{ticket}} 已完结（{{status}}）',
    command_not_found: '门店 {{store}} 没有操作 #{{command}}',
  },
  store_state: {
    store_not_in_scope: '门店 {{store}} 不在您的范围内',
    override_admin_only: '只有管理员可以越级变更门店状态',
    reason_required: '变更为“{{to}}”需要填写原因',
    override_needs_reason: '越级变更为“{{to}}”需要填写原因',
    same_state: '门店已处于“{{from}}”状态；下一步可选：{{allowed}}',
    not_allowed: '门店不能从“{{from}}”变更为“{{to}}”；下一步可选：{{allowed}}',
    changed: '门店 {{store}} 的状态刚刚被他人更改，请刷新后再看',
  },
  commissioning: {
    handover_required:
      '门店 {{store}} 须在门店主机上完成调试清单并签署交接后开业；中央服务尚未收到交接。管理员可填写原因提前开业。',
    store_not_in_scope: '门店 {{store}} 不在您的范围内',
  },
};
