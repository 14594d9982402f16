import { z } from 'zod';
import type { LocalizedText } from './localized-text';

/**
 * What a person (or a display, or a POS) may do in a store, one name per action. Every
 * edge route declares the one it needs, and actions inside a route that need more (a
 * sign-off, an approval) name theirs; which roles hold which is the table in
 * permissions-table.ts, the only place that says so.
 */
export const Permission = z.enum([
  // read by anyone in the kitchen, a token or not (what the wall screen shows)
  'board.read',
  'kitchen.read',
  'food_safety.read',
  'menu.availability.read',
  // anyone signed in
  'session.end',
  // the kitchen's daily work
  'kitchen.bump',
  'alarms.acknowledge',
  'tickets.report',
  'tickets.transition',
  'tickets.work',
  'tickets.verify',
  'tickets.quote',
  'work_orders.sign_off',
  'technicians.read',
  'menu.eighty_six',
  'food_safety.record',
  'stock.read',
  'stock.record_waste',
  'stock.record_batch',
  'purchase_requests.read',
  'reports.read',
  // maintenance
  'diagnostics.read',
  'maintenance.meters.reset',
  'equipment.technician_on_site',
  'devices.claim',
  'parts.read',
  'downtime.costs.read',
  // the store's money and stock
  'stock.costs.read',
  'stock.count',
  'stock.receive',
  'parts.adjust',
  'purchase_requests.create',
  'purchase_requests.act',
  'purchase_requests.approve',
  'purchase_requests.receive',
  'suppliers.read',
  'purchase_orders.place',
  'invoices.match',
  'invoices.record',
  'invoices.read',
  'invoices.resolve',
  'payments.approve',
  // running the store
  'food_safety.sign_off',
  'food_safety.report',
  'commissioning.handover.sign',
  'maintenance.suggestions.read',
  'menu.deliveries.read',
  'pos.intake.read',
  'displays.manage',
  'sync.retry',
  'audit.read',
  // integrations
  'pos.orders.post',
]);
export type Permission = z.infer<typeof Permission>;

/** What each permission lets one do, for refusals and screens. */
export const PERMISSION_LABELS: Record<Permission, LocalizedText> = {
  'board.read': { en: 'read the kitchen board', 'zh-CN': '查看厨房看板' },
  'kitchen.read': { en: 'read kitchen tickets', 'zh-CN': '查看厨房出品单' },
  'food_safety.read': { en: 'read food-safety records', 'zh-CN': '查看食品安全记录' },
  'menu.availability.read': { en: 'read menu availability', 'zh-CN': '查看菜品可售状态' },
  'session.end': { en: 'log out', 'zh-CN': '退出登录' },
  'kitchen.bump': { en: 'bump, recall and fire kitchen tickets', 'zh-CN': '出品、召回和开火厨房单' },
  'alarms.acknowledge': { en: 'acknowledge alarms', 'zh-CN': '确认告警' },
  'tickets.report': { en: 'report a broken machine', 'zh-CN': '报修设备' },
  'tickets.transition': { en: 'move repair tickets along', 'zh-CN': '推进维修工单' },
  'tickets.work': { en: 'start and resolve repairs', 'zh-CN': '开始和完成维修' },
  'tickets.verify': { en: 'verify, close and reopen repairs', 'zh-CN': '验收、关闭和重开维修工单' },
  'tickets.quote': { en: 'enter a repair quote on a ticket', 'zh-CN': '录入维修工单报价' },
  'work_orders.sign_off': { en: 'sign off tasks and work orders', 'zh-CN': '签核任务和保养工单' },
  'technicians.read': { en: 'read technicians and their load', 'zh-CN': '查看技术员及其工作量' },
  'menu.eighty_six': { en: 'take menu items off and back', 'zh-CN': '停售和恢复菜品' },
  'food_safety.record': {
    en: 'record cooling batches and corrective actions',
    'zh-CN': '记录冷却批次和纠偏措施',
  },
  'stock.read': { en: 'read stock levels', 'zh-CN': '查看库存' },
  'stock.record_waste': { en: 'log waste', 'zh-CN': '登记损耗' },
  'stock.record_batch': { en: 'record batches made', 'zh-CN': '登记半成品生产' },
  'purchase_requests.read': { en: 'read purchase requests', 'zh-CN': '查看采购申请' },
  'reports.read': { en: 'read reports and metrics', 'zh-CN': '查看报表和指标' },
  'diagnostics.read': { en: 'read refused device messages', 'zh-CN': '查看被拒绝的设备消息' },
  'maintenance.meters.reset': { en: 'restart maintenance meters', 'zh-CN': '重置保养计数' },
  'equipment.technician_on_site': {
    en: 'start and end a technician visit',
    'zh-CN': '开始和结束技术员现场维修',
  },
  'devices.claim': {
    en: 'accept or refuse devices claiming credentials',
    'zh-CN': '接受或拒绝申领凭据的设备',
  },
  'parts.read': { en: 'read spare parts and their requests', 'zh-CN': '查看备件及其采购申请' },
  'downtime.costs.read': { en: 'read downtime costs', 'zh-CN': '查看停机损失' },
  'stock.costs.read': { en: 'read stock costs and variance', 'zh-CN': '查看库存成本和差异' },
  'stock.count': { en: 'count stock', 'zh-CN': '盘点库存' },
  'stock.receive': { en: 'receive deliveries', 'zh-CN': '收货入库' },
  'parts.adjust': { en: 'correct spare-part stock', 'zh-CN': '调整备件库存' },
  'purchase_requests.create': { en: 'create purchase requests', 'zh-CN': '创建采购申请' },
  'purchase_requests.act': { en: 'take a step on a purchase request', 'zh-CN': '处理采购申请' },
  'purchase_requests.approve': { en: 'approve or reject purchase requests', 'zh-CN': '审批采购申请' },
  'purchase_requests.receive': { en: 'receive against a purchase request', 'zh-CN': '按采购申请收货' },
  'suppliers.read': { en: 'read suppliers', 'zh-CN': '查看供应商' },
  'purchase_orders.place': { en: 'place purchase orders with suppliers', 'zh-CN': '向供应商下采购单' },
  'invoices.match': { en: 'match supplier invoices', 'zh-CN': '核对供应商发票' },
  'invoices.record': { en: 'record supplier invoices', 'zh-CN': '登记供应商发票' },
  'invoices.read': { en: 'read supplier invoices and payments', 'zh-CN': '查看供应商发票和付款' },
  'invoices.resolve': { en: 'resolve invoice match exceptions', 'zh-CN': '处理发票匹配异常' },
  'payments.approve': { en: 'approve payments', 'zh-CN': '审批付款' },
  'food_safety.sign_off': { en: 'sign off food-safety corrective actions', 'zh-CN': '签核食品安全纠偏措施' },
  'food_safety.report': { en: 'print the food-safety report', 'zh-CN': '导出食品安全报告' },
  'commissioning.handover.sign': { en: 'sign the commissioning handover', 'zh-CN': '签署开业调试交接' },
  'maintenance.suggestions.read': { en: 'read maintenance plan suggestions', 'zh-CN': '查看保养计划建议' },
  'menu.deliveries.read': {
    en: 'read availability sent to the POS',
    'zh-CN': '查看发送给收银系统的可售状态',
  },
  'pos.intake.read': { en: 'read POS order intake', 'zh-CN': '查看收银订单接收情况' },
  'displays.manage': { en: 'pair and revoke kitchen displays', 'zh-CN': '配对和撤销厨房显示屏' },
  'sync.retry': { en: 'retry events set aside by sync', 'zh-CN': '重新同步搁置的事件' },
  'audit.read': { en: 'read the audit of refused actions', 'zh-CN': '查看被拒绝操作的审计记录' },
  'pos.orders.post': { en: 'post POS orders', 'zh-CN': '提交收银订单' },
};
