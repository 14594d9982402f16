import type { Locale } from '../../../../shared/localized-text';

/** Every word the handover report prints, in both languages the store speaks. */
export interface HandoverWords {
  title: string;
  store: string;
  timeZone: string;
  generatedAt: string;
  status: string;
  state: string;
  complete: string;
  incomplete: string;
  checklist: string;
  item: string;
  progress: string;
  waitingFor: string;
  done: string;
  open: string;
  installed: string;
  id: string;
  type: string;
  name: string;
  station: string;
  location: string;
  protocol: string;
  serial: string;
  installDate: string;
  price: string;
  expectedLife: string;
  ratedPower: string;
  firstReadings: string;
  metric: string;
  value: string;
  at: string;
  range: string;
  inRange: string;
  yes: string;
  no: string;
  noRange: string;
  noReading: string;
  pulldown: string;
  limit: string;
  start: string;
  reached: string;
  minutes: string;
  notReached: string;
  testAlarms: string;
  alarm: string;
  raisedAt: string;
  seenAt: string;
  roundTrip: string;
  notSeen: string;
  signature: string;
  signedBy: string;
  signedAt: string;
  role: string;
  override: string;
  checklistSha: string;
  notSigned: string;
  page: (n: number, of: number) => string;
}

const EN: HandoverWords = {
  title: 'Commissioning handover',
  store: 'Store',
  timeZone: 'Time zone',
  generatedAt: 'Generated',
  status: 'Checklist',
  state: 'Status',
  complete: 'complete',
  incomplete: 'INCOMPLETE',
  checklist: 'Checklist, verified from live data',
  item: 'Item',
  progress: 'Progress',
  waitingFor: 'Waiting for',
  done: 'done',
  open: 'open',
  installed: 'Equipment installed',
  id: 'ID',
  type: 'Type',
  name: 'Name',
  station: 'Station',
  location: 'Location',
  protocol: 'Protocol',
  serial: 'Serial number',
  installDate: 'Install date',
  price: 'Replacement price',
  expectedLife: 'Expected life (years)',
  ratedPower: 'Rated power (kW)',
  firstReadings: 'First readings',
  metric: 'Metric',
  value: 'Value',
  at: 'At',
  range: 'Range',
  inRange: 'In range',
  yes: 'yes',
  no: 'NO',
  noRange: 'no range',
  noReading: 'no reading yet',
  pulldown: 'Cold units pull-down',
  limit: 'Limit',
  start: 'First reading',
  reached: 'Reached limit',
  minutes: 'Minutes',
  notReached: 'not reached',
  testAlarms: 'Test alarms: raised at the box, seen at central',
  alarm: 'Alarm',
  raisedAt: 'Raised',
  seenAt: 'Seen at central',
  roundTrip: 'Round trip (s)',
  notSeen: 'not seen at central',
  signature: 'Handover signature',
  signedBy: 'Signed by',
  signedAt: 'Signed at',
  role: 'Role',
  override: 'Override reason',
  checklistSha: 'Checklist SHA-256',
  notSigned: 'NOT SIGNED',
  page: (n, of) => `Page ${n} of ${of}`,
};

const ZH: HandoverWords = {
  title: '开业调试交接报告',
  store: '门店',
  timeZone: '时区',
  generatedAt: '生成时间',
  status: '检查清单',
  state: '状态',
  complete: '已完成',
  incomplete: '未完成',
  checklist: '检查清单（依据实时数据核验）',
  item: '项目',
  progress: '进度',
  waitingFor: '待完成',
  done: '完成',
  open: '未完成',
  installed: '已安装设备',
  id: '编号',
  type: '类型',
  name: '名称',
  station: '工位',
  location: '位置',
  protocol: '协议',
  serial: '序列号',
  installDate: '安装日期',
  price: '重置价格',
  expectedLife: '预期寿命（年）',
  ratedPower: '额定功率（千瓦）',
  firstReadings: '首次读数',
  metric: '指标',
  value: '数值',
  at: '时间',
  range: '范围',
  inRange: '在范围内',
  yes: '是',
  no: '否',
  noRange: '无范围',
  noReading: '尚无读数',
  pulldown: '冷藏冷冻设备降温',
  limit: '限值',
  start: '首次读数',
  reached: '达到限值',
  minutes: '分钟',
  notReached: '未达到',
  testAlarms: '测试告警：门店触发，总部收到',
  alarm: '告警',
  raisedAt: '触发时间',
  seenAt: '总部收到时间',
  roundTrip: '往返（秒）',
  notSeen: '总部尚未收到',
  signature: '交接签字',
  signedBy: '签字人',
  signedAt: '签字时间',
  role: '角色',
  override: '强制交接原因',
  checklistSha: '检查清单 SHA-256',
  notSigned: '未签字',
  page: (n, of) => `第 ${n} 页，共 ${of} 页`,
};

export function handoverWords(lang: Locale): HandoverWords {
  return lang === 'zh-CN' ? ZH : EN;
}

/** A value with at most its own decimals, never a float's tail (21.299999 → 21.3). */
export function number(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
