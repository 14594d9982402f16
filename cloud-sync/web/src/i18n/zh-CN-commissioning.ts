import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enCommissioning } from './en-commissioning';

export const zhCNCommissioning: TranslationsOf<typeof enCommissioning> = {
  title: '开业验收',
  listTitle: '验收中的门店',
  noProgress: '门店主机尚未发来检查进度。',
  reporting: '{{total}} 台中 {{done}} 台在报数',
  reportingWaiting: '{{total}} 台中 {{done}} 台在报数，{{count}} 台待完成：{{names}}',
  checksDone: '{{total}} 项检查中已完成 {{done}} 项',
  allDone: '所有检查均已完成',
  received: '截至 {{date}}',
  complete: '已完成',
  open: '未完成',
  waiting: '待完成：{{names}}',
  handoverLabel: '交接：',
  storeRole: { manager: '店长', admin: '管理员' },
  notSigned: '尚未签字',
  signed: '{{name}}（{{role}}）于 {{date}} 签字',
  signedComplete: '所有检查均已完成',
  signedOverride: '在检查未完成时签字（{{items}}）：{{reason}}',
  opensOnHandover: '门店主机签署交接后门店即开业；管理员可填写原因提前开业。',
  openEarly: '交接前提前开业',
  openReason: '原因（记为强制变更）',
  openReasonHint: '例如：开业日期已定；2 号炸炉下周验收',
  openSubmit: '开业',
  opened: '门店已开业。',
  refused: '被拒绝：{{message}}',
};
