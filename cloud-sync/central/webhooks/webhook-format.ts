import type { AlarmView } from '../../../shared/api/alarms';
import type { WebhookFlavour } from '../../../shared/central/api';

export type NotificationReason = 'critical_alarm' | 'escalation';

export interface AlarmNotification {
  reason: NotificationReason;
  storeId: string;
  storeName: string;
  regionId: string;
  alarm: AlarmView;
}

/** The JSON body each chat tool's incoming-webhook API expects, carrying the same text. */
export function webhookBody(flavour: WebhookFlavour, notification: AlarmNotification): unknown {
  const title = titleOf(notification);
  const text = markdownOf(notification);
  switch (flavour) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: `### ${title}\n${text}` } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title, text: `### ${title}\n${text}` } };
    case 'slack':
      return { text: `*${title}*\n${text.replaceAll('**', '*')}` };
  }
}

function titleOf(n: AlarmNotification): string {
  const what = n.reason === 'escalation' ? 'Alarm escalated 告警升级' : 'Critical alarm 严重告警';
  return `${what}: ${n.storeName}`;
}

function markdownOf(n: AlarmNotification): string {
  const a = n.alarm;
  const value = a.lastValue ?? a.raisedValue;
  return [
    `**${a.title.en}** / ${a.title['zh-CN']}`,
    `> store: ${n.storeName} (${n.storeId}), region ${n.regionId}`,
    `> equipment: ${a.equipmentId}, rule ${a.rule}`,
    `> raised: ${new Date(a.raisedAt).toISOString()}${value === null ? '' : `, value ${String(value)}`}`,
    `> escalation: ${a.escalation}, state ${a.state}`,
  ].join('\n');
}
