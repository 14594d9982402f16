import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enRefusals } from './en-refusals';

/** 中央服务按固定代码给出的拒绝原因（在 zh-CN.ts 中挂为 `refusals`）；页面没有对应用语的代码，显示中央的原文。 */
export const zhCNRefusals: TranslationsOf<typeof enRefusals> = {
  listSeparator: '、',
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
};
