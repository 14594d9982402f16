import { Permission } from './permissions';
import { type Role, SessionRole } from './roles';

/**
 * THE table: which role holds which permission. Nothing else in the store decides
 * who may do what; routes name a permission and ask this table through one check.
 *
 * The groups below are only spelling aids for the table; each role's row says in full
 * what it holds.
 */

/** Anyone standing in the kitchen reads these, even without a token (the wall screen). */
const BOARD: readonly Permission[] = [
  'board.read',
  'kitchen.read',
  'food_safety.read',
  'menu.availability.read',
];
/** Every person who signed in with a PIN. */
const SIGNED_IN: readonly Permission[] = [...BOARD, 'session.end'];
/** The daily work of the kitchen crew. */
const KITCHEN_WORK: readonly Permission[] = [
  'kitchen.bump',
  'alarms.acknowledge',
  'tickets.report',
  'tickets.transition',
  'work_orders.sign_off',
  'technicians.read',
  'menu.eighty_six',
  'food_safety.record',
  'stock.read',
  'stock.record_waste',
  'stock.record_batch',
  'stock.costs.read',
  'purchase_requests.read',
  'reports.read',
];
const MAINTENANCE: readonly Permission[] = [
  'tickets.work',
  'tickets.quote',
  'diagnostics.read',
  'maintenance.meters.reset',
  'equipment.technician_on_site',
  'devices.claim',
  'parts.read',
  'downtime.costs.read',
];
/** What the store manager (店长) adds: counting, receiving, approving, running the box. */
const STORE_MANAGEMENT: readonly Permission[] = [
  'tickets.verify',
  'stock.count',
  'stock.receive',
  'parts.adjust',
  'purchase_requests.create',
  'purchase_requests.act',
  'purchase_requests.approve',
  'purchase_requests.receive',
  'suppliers.read',
  'purchase_orders.place',
  'invoices.record',
  'invoices.read',
  'food_safety.sign_off',
  'food_safety.report',
  'commissioning.handover.sign',
  'maintenance.suggestions.read',
  'menu.deliveries.read',
  'pos.intake.read',
  'displays.manage',
  'sync.retry',
  'sync.backup',
  'audit.read',
];

export const ROLE_PERMISSIONS: Readonly<Record<SessionRole, readonly Permission[]>> = {
  // 收货: takes deliveries in against what was requested, and sees what is on hand and expected.
  receiver: [
    ...SIGNED_IN,
    'stock.read',
    'parts.read',
    'purchase_requests.read',
    'purchase_requests.act',
    'purchase_requests.receive',
    'stock.receive',
  ],
  // 采购: raises requests and orders from suppliers; never approves nor receives them.
  purchaser: [
    ...SIGNED_IN,
    'stock.read',
    'parts.read',
    'purchase_requests.read',
    'purchase_requests.create',
    'suppliers.read',
    'purchase_orders.place',
    'invoices.record',
    'invoices.read',
  ],
  // 财务: reads requests and what things cost, matches invoices and approves payments.
  finance: [
    ...SIGNED_IN,
    'purchase_requests.read',
    'parts.read',
    'stock.costs.read',
    'downtime.costs.read',
    'reports.read',
    'suppliers.read',
    'invoices.match',
    'invoices.record',
    'invoices.read',
    'invoices.resolve',
    'payments.approve',
    'audit.read',
  ],
  staff: [...SIGNED_IN, ...KITCHEN_WORK],
  technician: [...SIGNED_IN, ...KITCHEN_WORK, ...MAINTENANCE],
  manager: [...SIGNED_IN, ...KITCHEN_WORK, ...MAINTENANCE, ...STORE_MANAGEMENT],
  // The owner's account may take every step, paying included (the store's last resort).
  admin: Permission.options,
  // A paired wall screen: reads the board, bumps tickets, records cooling (a cook's PIN signs).
  display: [...BOARD, 'kitchen.bump', 'food_safety.record'],
  // A POS posts its orders and reads what it may sell.
  pos: ['pos.orders.post', 'menu.availability.read'],
};

const HOLDERS = new Map<Permission, SessionRole[]>(
  Permission.options.map((permission) => [
    permission,
    SessionRole.options.filter((role) => ROLE_PERMISSIONS[role].includes(permission)),
  ]),
);

/** Whether any of the roles held grants the permission: holding several adds them up. */
export function mayDo(roles: readonly SessionRole[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** The same for role names from elsewhere (a signer as a domain keeps it): a name that is no role grants nothing. */
export function roleNamesMayDo(names: readonly string[], permission: Permission): boolean {
  return mayDo(
    names.flatMap((name) => {
      const role = SessionRole.safeParse(name);
      return role.success ? [role.data] : [];
    }),
    permission,
  );
}

/** Every permission the roles held grant together, in the order of the enum. */
export function permissionsOf(roles: readonly SessionRole[]): Permission[] {
  return Permission.options.filter((permission) => mayDo(roles, permission));
}

/** The roles that hold a permission, in the order of the roles' enum. */
export function rolesWith(permission: Permission): readonly SessionRole[] {
  return HOLDERS.get(permission) ?? [];
}

/** Store roles (people, not screens or integrations) that hold a permission. */
export function peopleRolesWith(permission: Permission): Role[] {
  return rolesWith(permission).filter((role): role is Role => role !== 'display' && role !== 'pos');
}
