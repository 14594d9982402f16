// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../shared/localized-text';
import { permissionsOf } from '../../../shared/permissions-table';
import type { Role } from '../../../shared/roles';
import type { PersonSession } from '../auth/person-session';
import { equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { CommissioningScreen } from './CommissioningScreen';
import { completeChecklist, FakeCommissioningEdge, PIN, T0, USERS } from './testing/fake-commissioning-edge';

let edge: FakeCommissioningEdge;

beforeEach(() => {
  edge = new FakeCommissioningEdge();
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const EQUIPMENT = [
  equipmentView({ id: 'wic-1', name: { en: 'Cooler 1', 'zh-CN': '冷库 1' } }),
  equipmentView({ id: 'wic-2', name: { en: 'Cooler 2', 'zh-CN': '冷库 2' } }),
  equipmentView({ id: 'fryer-2', type: 'fryer', name: { en: 'Fryer 2', 'zh-CN': '炸炉 2' } }),
];

function person(userId: string): PersonSession {
  const user = USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no fixture user ${userId}`);
  const role: Role = user.role;
  return {
    token: `tok-${userId}`,
    role,
    userId,
    name: user.name,
    expiresAt: T0 + 3_600_000,
    permissions: permissionsOf([role]),
  };
}

const signIns: string[] = [];
function show(who: PersonSession | undefined, locale: Locale = 'en') {
  renderWithI18n(
    <CommissioningScreen
      person={who}
      signIn={async (action) => {
        signIns.push(action);
        throw new Error('cancelled');
      }}
      equipment={EQUIPMENT}
      users={USERS}
      timezone="Asia/Shanghai"
    />,
    locale,
  );
}

const section = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-item="${id}"]`);
  if (!el) throw new Error(`no section ${id}`);
  return el;
};

/** Taps a person on the PIN pad and types the PIN; the last digit sends it. */
function enterPin(name: string, pin = PIN) {
  const pad = screen.getByRole('dialog');
  fireEvent.click(within(pad).getByText(name));
  for (const digit of pin) fireEvent.click(within(pad).getByRole('button', { name: digit }));
}

describe('the commissioning screen', () => {
  it('heads with the units reporting and names those it waits for, then every check with what is missing', async () => {
    show(person('tech-wang'));
    const headline = await screen.findByTestId('cm-headline');
    expect(headline.textContent).toBe('3 of 5 reporting, 2 waiting: Fryer 2, Cooler 2');
    expect(document.querySelector('.cm-headline-sub')?.textContent).toMatch(
      /^4 of 7 checks complete · checked /,
    );
    const ids = [...document.querySelectorAll<HTMLElement>('[data-item]')].map((el) => el.dataset.item);
    expect(ids).toEqual([
      'reporting',
      'cold_pulldown',
      'test_alarms',
      'display',
      'sync',
      'users',
      'food_safety',
    ]);
    expect(section('reporting').dataset.complete).toBe('false');
    expect(section('reporting').textContent).toContain('Open');
    expect(section('reporting').textContent).toContain('3 / 5');
    expect(section('reporting').textContent).toContain('Fryer 2: silent for 12 min');
    expect(section('cold_pulldown').textContent).toContain('Cooler 2: 31 °C, limit 5 °C');
    expect(section('display').dataset.complete).toBe('true');
    expect(section('display').textContent).toContain('Complete');
    // The round trip of each unit's test alarm, from the handover's view.
    await within(section('test_alarms')).findByText('Cooler 1: 3.2 s');
    // A unit with no alarm yet is named under the check, not again among the round trips.
    expect(section('test_alarms').textContent).toContain('Fryer 2: no alarm raised yet');
    expect(section('test_alarms').querySelector('[data-trip="fryer-2"]')).toBeNull();
    expect(edge.requests.every((r) => r.token === 'tok-tech-wang')).toBe(true);
  });

  it('speaks zh-CN, names units in Chinese, and lets a technician read but not sign', async () => {
    show(person('tech-wang'), 'zh-CN');
    const headline = await screen.findByTestId('cm-headline');
    expect(headline.textContent).toBe('5 台中 3 台在报数，2 台待完成：炸炉 2、冷库 2');
    expect(section('cold_pulldown').textContent).toContain('冷库 2：31 °C，限值 5 °C');
    expect(await screen.findByText('尚未签字。')).toBeTruthy();
    expect(screen.getByText('交接须由店长或管理员签字：Tech Wang 可查看但不能签字。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /签署交接/ })).toBeNull();
    // A technician accepts claimed devices here too.
    expect(await screen.findByText('待接受的设备')).toBeTruthy();
  });

  it('asks a signed-out person to log in, and tells someone without the permission', async () => {
    show(undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Log in to see the checklist' }));
    expect(signIns.at(-1)).toBe('see the commissioning checklist');
    cleanup();
    renderWithI18n(
      <CommissioningScreen
        person={{
          ...person('mgr-li'),
          name: 'Cook Wu',
          role: 'staff',
          permissions: permissionsOf(['staff']),
        }}
        signIn={() => Promise.reject(new Error('no'))}
        equipment={EQUIPMENT}
        users={USERS}
        timezone="Asia/Shanghai"
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Cook Wu may not read the commissioning checklist.');
    expect(edge.requests).toEqual([]);
  });

  it('lets only an admin sign over open checks, with the reason, and then shows who signed over what', async () => {
    show(person('mgr-li'));
    await screen.findByText('Not signed yet.');
    expect(screen.getByText(/only an admin may sign over them/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Sign the handover/ }));
    expect(screen.getByRole('alert').textContent).toBe('Not signed: Give the reason first.');
    fireEvent.change(screen.getByLabelText('Reason for signing over open checks'), {
      target: { value: 'fryer 2 replaced tomorrow' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Sign the handover/ }));
    const pad = screen.getByRole('dialog');
    // Over open checks only an admin is offered.
    expect(within(pad).queryByText('Manager Li')).toBeNull();
    enterPin('Admin Zhou', '1111');
    expect(await within(pad).findByText('Unknown user or wrong PIN')).toBeTruthy();
    for (const digit of PIN) fireEvent.click(within(pad).getByRole('button', { name: digit }));
    await screen.findByText(/Signed by Admin Zhou \(Admin\) on/);
    expect(
      screen.getByText(
        'Signed over 3 open check(s): Reporting in range, Cold units pulled down, Test alarm seen at central. Reason: fryer 2 replaced tomorrow',
      ),
    ).toBeTruthy();
    const signs = edge.requests.filter((r) => r.method === 'POST');
    expect(signs.at(-1)).toEqual({
      method: 'POST',
      path: '/api/commissioning/handover/sign',
      body: { user: 'admin', pin: PIN, overrideReason: 'fryer 2 replaced tomorrow' },
      token: 'tok-mgr-li',
    });
    expect(screen.queryByRole('button', { name: /Sign the handover/ })).toBeNull();
  });

  it('lets a manager sign a complete checklist without a reason', async () => {
    edge.checklist = completeChecklist();
    show(person('mgr-li'));
    expect((await screen.findByTestId('cm-headline')).textContent).toBe('5 of 5 reporting');
    expect(screen.getByText(/Every check is complete/)).toBeTruthy();
    await screen.findByText('Not signed yet.');
    expect(screen.queryByLabelText('Reason for signing over open checks')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Sign the handover/ }));
    enterPin('Manager Li');
    await screen.findByText(/Signed by Manager Li \(Manager\) on/);
    expect(screen.getByText('Every check was complete when signed.')).toBeTruthy();
    expect(edge.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { user: 'mgr-li', pin: PIN },
    ]);
  });
});
