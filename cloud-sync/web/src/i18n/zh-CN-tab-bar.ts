import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enTabBar } from './en-tab-bar';

/** 区域页标签栏用语（在 zh-CN.ts 中挂为 `tabBar`）。 */
export const zhCNTabBar: TranslationsOf<typeof enTabBar> = {
  label: '页面分区',
};
