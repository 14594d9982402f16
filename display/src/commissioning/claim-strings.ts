import type { Locale } from '../../../shared/localized-text';

/**
 * The pending-claims panel's words in both languages, kept beside it so the panel can be
 * mounted without touching the display's shared dictionaries.
 */
const STRINGS = {
  en: {
    title: 'Devices waiting to be accepted',
    none: 'No device is waiting.',
    serial: 'Serial',
    model: 'Model',
    firstSeen: 'First seen',
    address: 'Address',
    unit: 'Unit',
    chooseUnit: 'Choose a unit…',
    accept: 'Accept',
    reject: 'Reject',
    waiting: 'connected, waiting',
    away: 'not connected',
    failed: 'Could not do that: {{message}}',
  },
  'zh-CN': {
    title: '待接受的设备',
    none: '没有等待中的设备。',
    serial: '序列号',
    model: '型号',
    firstSeen: '首次出现',
    address: '地址',
    unit: '设备',
    chooseUnit: '选择设备…',
    accept: '接受',
    reject: '拒绝',
    waiting: '已连接，等待中',
    away: '未连接',
    failed: '操作失败：{{message}}',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type ClaimStringKey = keyof (typeof STRINGS)['en'];

export function claimText(
  language: string,
  key: ClaimStringKey,
  values: Record<string, string> = {},
): string {
  const table = language.startsWith('zh') ? STRINGS['zh-CN'] : STRINGS.en;
  return table[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
