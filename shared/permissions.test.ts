import { describe, expect, it } from 'vitest';
import { Permission } from './permissions';
import { missingPermissionText } from './permissions-refusal';
import { SEGREGATED_DUTIES, segregationBreach } from './permissions-segregation';
import { mayDo, permissionsOf, ROLE_PERMISSIONS, rolesWith } from './permissions-table';
import { actingRole, heldRoles, SessionRole } from './roles';

/**
 * What each of today's roles could call before permissions existed (edge/api/auth.ts's
 * lists, as they were). Every permission a route declares must grant exactly one of them
 * to these roles, so nobody gained or lost anything by the move to permissions.
 */
const BEFORE = {
  BOARD_READERS: ['staff', 'technician', 'manager', 'admin', 'display'],
  BOARD_AND_POS: ['staff', 'technician', 'manager', 'admin', 'display', 'pos'],
  PEOPLE: ['staff', 'technician', 'manager', 'admin'],
  PEOPLE_AND_DISPLAY: ['staff', 'technician', 'manager', 'admin', 'display'],
  MAINTAINERS: ['technician', 'manager', 'admin'],
  MANAGERS: ['manager', 'admin'],
  POS_AND_ADMIN: ['pos', 'admin'],
} as const;
const LADDER = ['staff', 'technician', 'manager', 'admin', 'display', 'pos'] as const;
const DESK = ['receiver', 'purchaser', 'finance'] as const;

/** Each permission a route declared in this change, and the list its routes had before. */
const ROUTE_PERMISSIONS_BEFORE: Partial<Record<Permission, readonly string[]>> = {
  'board.read': BEFORE.BOARD_READERS,
  'kitchen.read': BEFORE.BOARD_READERS,
  'kitchen.bump': BEFORE.BOARD_READERS,
  'food_safety.read': BEFORE.BOARD_READERS,
  'menu.availability.read': BEFORE.BOARD_AND_POS,
  'session.end': BEFORE.PEOPLE,
  'alarms.acknowledge': BEFORE.PEOPLE,
  'tickets.report': BEFORE.PEOPLE,
  'tickets.transition': BEFORE.PEOPLE,
  // inside the transition route: the ticket lifecycle's steps
  'tickets.work': BEFORE.MAINTAINERS,
  'tickets.verify': BEFORE.MANAGERS,
  'work_orders.sign_off': BEFORE.PEOPLE,
  'technicians.read': BEFORE.PEOPLE,
  'menu.eighty_six': BEFORE.PEOPLE,
  'food_safety.record': BEFORE.PEOPLE_AND_DISPLAY,
  'stock.read': BEFORE.PEOPLE,
  'stock.record_waste': BEFORE.PEOPLE,
  'stock.record_batch': BEFORE.PEOPLE,
  'stock.costs.read': BEFORE.PEOPLE,
  'purchase_requests.read': BEFORE.PEOPLE,
  'reports.read': BEFORE.PEOPLE,
  'diagnostics.read': BEFORE.MAINTAINERS,
  'maintenance.meters.reset': BEFORE.MAINTAINERS,
  'equipment.technician_on_site': BEFORE.MAINTAINERS,
  'parts.read': BEFORE.MAINTAINERS,
  'downtime.costs.read': BEFORE.MAINTAINERS,
  'stock.count': BEFORE.MANAGERS,
  'stock.receive': BEFORE.MANAGERS,
  'parts.adjust': BEFORE.MANAGERS,
  'purchase_requests.create': BEFORE.MANAGERS,
  'purchase_requests.act': BEFORE.MANAGERS,
  'purchase_requests.approve': BEFORE.MANAGERS,
  'purchase_requests.receive': BEFORE.MANAGERS,
  'food_safety.sign_off': BEFORE.MANAGERS,
  'food_safety.report': BEFORE.MANAGERS,
  'maintenance.suggestions.read': BEFORE.MANAGERS,
  'menu.deliveries.read': BEFORE.MANAGERS,
  'pos.intake.read': BEFORE.MANAGERS,
  'displays.manage': BEFORE.MANAGERS,
  'sync.retry': BEFORE.MANAGERS,
  'pos.orders.post': BEFORE.POS_AND_ADMIN,
};

describe('the permission table', () => {
  for (const [permission, before] of Object.entries(ROUTE_PERMISSIONS_BEFORE)) {
    it(`${permission}: today's roles keep exactly what they had (${before.join(', ')})`, () => {
      const now = rolesWith(Permission.parse(permission)).filter((role) =>
        (LADDER as readonly string[]).includes(role),
      );
      expect([...now].sort()).toEqual([...before].sort());
    });
  }

  it('gives the admin every permission and every permission to somebody', () => {
    expect(permissionsOf(['admin'])).toEqual(Permission.options);
    for (const permission of Permission.options) expect(rolesWith(permission).length).toBeGreaterThan(0);
  });

  it('lists each permission once per role, and only known ones', () => {
    for (const role of SessionRole.options) {
      const held = ROLE_PERMISSIONS[role];
      expect(new Set(held).size, role).toBe(held.length);
      for (const permission of held) expect(Permission.options).toContain(permission);
    }
  });

  it('gives each desk role its job and nothing of the others', () => {
    const can = (role: (typeof DESK)[number]) => new Set(permissionsOf([role]));
    const receiver = can('receiver');
    expect([...receiver]).toEqual(
      expect.arrayContaining([
        'stock.receive',
        'purchase_requests.receive',
        'stock.read',
        'purchase_requests.read',
      ]),
    );
    for (const not of [
      'purchase_requests.approve',
      'purchase_requests.create',
      'stock.count',
      'payments.approve',
    ])
      expect(receiver.has(Permission.parse(not)), `receiver ${not}`).toBe(false);

    const purchaser = can('purchaser');
    expect([...purchaser]).toEqual(
      expect.arrayContaining([
        'purchase_requests.create',
        'stock.read',
        'suppliers.read',
        'purchase_orders.place',
      ]),
    );
    for (const not of [
      'purchase_requests.approve',
      'purchase_requests.receive',
      'stock.receive',
      'payments.approve',
    ])
      expect(purchaser.has(Permission.parse(not)), `purchaser ${not}`).toBe(false);

    const finance = can('finance');
    expect([...finance]).toEqual(
      expect.arrayContaining([
        'purchase_requests.read',
        'stock.costs.read',
        'downtime.costs.read',
        'reports.read',
        'payments.approve',
      ]),
    );
    for (const not of [
      'purchase_requests.create',
      'purchase_requests.approve',
      'stock.receive',
      'stock.count',
    ])
      expect(finance.has(Permission.parse(not)), `finance ${not}`).toBe(false);
    // Nobody at a desk works the kitchen's tickets.
    for (const role of DESK) expect(mayDo([role], 'tickets.transition')).toBe(false);
  });

  it('adds up the permissions of every role held', () => {
    expect(mayDo(['staff'], 'stock.receive')).toBe(false);
    expect(mayDo(['staff', 'receiver'], 'stock.receive')).toBe(true);
    expect(mayDo(['staff', 'receiver'], 'stock.record_waste')).toBe(true);
    // A cook who also receives acts as staff where a domain still goes by rank.
    expect(actingRole({ role: 'staff', roles: ['receiver'] })).toBe('staff');
    expect(actingRole({ role: 'finance', roles: ['manager'] })).toBe('manager');
    expect(heldRoles({ role: 'manager', roles: ['finance', 'manager'] })).toEqual(['finance', 'manager']);
  });
});

describe('a refusal for a missing permission', () => {
  it('names the permission, the roles held and the roles that have it, in both languages', () => {
    const text = missingPermissionText('purchase_requests.approve', ['purchaser', 'staff']);
    expect(text.en).toBe(
      'this needs the permission purchase_requests.approve (approve or reject purchase requests); ' +
        'your roles (purchaser, staff) do not have it; roles that have it: store manager, admin',
    );
    expect(text['zh-CN']).toBe(
      '此操作需要权限 purchase_requests.approve（审批采购申请）；您的角色（采购、员工）没有该权限；' +
        '拥有该权限的角色：店长、管理员',
    );
  });
});

describe('segregation of duties', () => {
  const request = { en: 'purchase request #7', 'zh-CN': '采购申请 #7' };

  it('states the three rules of the purchase chain', () => {
    expect(SEGREGATED_DUTIES.map((d) => [d.rule, d.earlier, d.later])).toEqual([
      ['requester_approves', 'request', 'approve'],
      ['orderer_receives_alone', 'order', 'receive'],
      ['receiver_approves_payment', 'receive', 'approve_payment'],
    ]);
  });

  it('refuses the requester approving their own request, and says why', () => {
    const breach = segregationBreach(
      [{ step: 'request', by: 'mgr-li' }],
      { step: 'approve', by: 'mgr-li' },
      request,
    );
    expect(breach?.rule).toBe('requester_approves');
    expect(breach?.messages.en).toBe(
      'purchase request #7: mgr-li may not do this: whoever requested a purchase may not approve it: someone else must',
    );
    expect(breach?.messages['zh-CN']).toContain('采购申请人不能审批自己的申请');
    expect(
      segregationBreach([{ step: 'request', by: 'mgr-li' }], { step: 'approve', by: 'admin' }, request),
    ).toBeUndefined();
  });

  it('lets whoever ordered receive only with a second person signing', () => {
    const ordered = [{ step: 'order' as const, by: 'buyer-zhao' }];
    expect(segregationBreach(ordered, { step: 'receive', by: 'buyer-zhao' }, request)?.rule).toBe(
      'orderer_receives_alone',
    );
    expect(
      segregationBreach(ordered, { step: 'receive', by: 'buyer-zhao', witnessedBy: 'buyer-zhao' }, request)
        ?.rule,
    ).toBe('orderer_receives_alone');
    expect(
      segregationBreach(ordered, { step: 'receive', by: 'buyer-zhao', witnessedBy: 'recv-sun' }, request),
    ).toBeUndefined();
    expect(segregationBreach(ordered, { step: 'receive', by: 'recv-sun' }, request)).toBeUndefined();
  });

  it('refuses whoever received approving the payment, witness or not', () => {
    const received = [
      { step: 'order' as const, by: 'buyer-zhao' },
      { step: 'receive' as const, by: 'recv-sun' },
    ];
    expect(
      segregationBreach(
        received,
        { step: 'approve_payment', by: 'recv-sun', witnessedBy: 'fin-qian' },
        request,
      )?.rule,
    ).toBe('receiver_approves_payment');
    expect(segregationBreach(received, { step: 'approve_payment', by: 'fin-qian' }, request)).toBeUndefined();
  });
});
