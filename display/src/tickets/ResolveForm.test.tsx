// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../../shared/api/alarms';
import { TicketTransitionRequest } from '../../../shared/api/tickets';
import type { Resource } from '../app/use-edge-resource';
import { alarmView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { DEMO_PARTS } from '../testing/ticket-fixtures';
import { ResolveForm } from './ResolveForm';
import type { ResolveRequest } from './resolve-request';

afterEach(cleanup);

const PARTS: Resource<typeof DEMO_PARTS> = { status: 'ok', data: DEMO_PARTS };

/** The form on a walk-in ticket, keeping what it sends as the edge would parse it. */
function renderForm(options: { type?: string; activeAlarms?: AlarmView[]; locale?: 'en' | 'zh-CN' } = {}) {
  const sent: TicketTransitionRequest[] = [];
  let cancelled = 0;
  const view = renderWithI18n(
    <ResolveForm
      equipmentType={options.type ?? 'walk_in_cooler'}
      parts={PARTS}
      activeAlarms={options.activeAlarms ?? []}
      timezone="Asia/Shanghai"
      onSubmit={async (request: ResolveRequest) => {
        sent.push(TicketTransitionRequest.parse(request));
      }}
      onCancel={() => cancelled++}
    />,
    options.locale,
  );
  return { sent, cancelled: () => cancelled, ...view };
}

const submitButton = () =>
  screen.getByRole('button', { name: /^(Mark resolved|Resolve anyway)$/ }) as HTMLButtonElement;

function addPart(label: string) {
  fireEvent.change(screen.getByLabelText('Add a part'), {
    target: { value: DEMO_PARTS.find((p) => p.name === label)?.partNumber },
  });
}

describe('ResolveForm', () => {
  it('asks how the repair was done before it can be sent', async () => {
    const form = renderForm();
    expect(submitButton().disabled).toBe(true);
    expect(screen.getByText('Choose how it was fixed to mark it resolved.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Door gasket replaced' }));
    expect(submitButton().disabled).toBe(false);
    fireEvent.click(submitButton());
    await screen.findByRole('button', { name: 'Mark resolved' });
    expect(form.sent).toEqual([{ to: 'resolved', resolutionCode: 'gasket_replaced', parts: [] }]);
  });

  it('offers the repairs of the machine’s kind', () => {
    renderForm({ type: 'fryer' });
    const codes = [...document.querySelectorAll('[data-resolution-code]')].map((b) =>
      b.getAttribute('data-resolution-code'),
    );
    expect(codes).toEqual([
      'part_replaced',
      'probe_calibrated',
      'cleaned',
      'adjusted',
      'reset',
      'no_fault_found',
      'other',
    ]);
  });

  it('records the parts used with exact quantities, this machine’s parts listed first, and the note', async () => {
    const form = renderForm();
    const groups = [
      ...(screen.getByLabelText('Add a part') as HTMLSelectElement).querySelectorAll('optgroup'),
    ];
    expect(groups.map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)])).toEqual([
      ['For this equipment', ['GSK-WIC-01', 'FAN-EVAP-120']],
      ['Other parts', ['FRY-THERM-01']],
    ]);
    addPart('Walk-in door gasket');
    fireEvent.change(screen.getByLabelText('Quantity of Walk-in door gasket'), { target: { value: '2.35' } });
    addPart('Evaporator fan motor');
    fireEvent.click(screen.getByRole('button', { name: 'Part replaced' }));
    fireEvent.change(screen.getByLabelText('Note (what was done)'), {
      target: { value: ' new gasket, fan ' },
    });
    fireEvent.click(submitButton());
    await screen.findByRole('button', { name: 'Mark resolved' });
    expect(form.sent).toEqual([
      {
        to: 'resolved',
        resolutionCode: 'part_replaced',
        parts: [
          { name: 'Walk-in door gasket', partNumber: 'GSK-WIC-01', quantity: 2.35 },
          { name: 'Evaporator fan motor', partNumber: 'FAN-EVAP-120', quantity: 1 },
        ],
        notes: 'new gasket, fan',
      },
    ]);
  });

  it('holds back a quantity the part cannot have, saying why, and lets a part be removed', () => {
    const form = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Part replaced' }));
    addPart('Evaporator fan motor');
    fireEvent.change(screen.getByLabelText('Quantity of Evaporator fan motor'), { target: { value: '1.5' } });
    expect(screen.getByRole('alert').textContent).toBe('pcs are counted in whole numbers');
    expect(submitButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Quantity of Evaporator fan motor'), { target: { value: '5' } });
    expect(screen.getByText('More than the 2 pcs on hand: the count will go to 0')).toBeTruthy();
    expect(submitButton().disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Evaporator fan motor' }));
    expect(screen.queryByLabelText('Quantity of Evaporator fan motor')).toBeNull();
    expect(screen.getByText('No parts used')).toBeTruthy();
    expect(form.sent).toEqual([]);
  });

  it('warns that the fault is still active, and still lets the technician resolve', async () => {
    const alarm = alarmView({ id: 9, equipmentId: 'wic-1', raisedAt: Date.UTC(2026, 0, 5, 2, 10) });
    const form = renderForm({ activeAlarms: [alarm] });
    const warning = screen.getByRole('alert');
    expect(within(warning).getByText('The fault is still active — resolve anyway?')).toBeTruthy();
    expect(warning.textContent).toContain('Cooler above 5 °C (since');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve anyway' }));
    await screen.findByRole('button', { name: 'Resolve anyway' });
    expect(form.sent).toEqual([{ to: 'resolved', resolutionCode: 'reset', parts: [] }]);
  });

  it('speaks Chinese, with no warning where no alarm is active', () => {
    renderForm({ locale: 'zh-CN' });
    expect(screen.getByRole('form', { name: '标记已修复' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '补充冷媒' })).toBeTruthy();
    expect(screen.queryByText('故障仍在报警中——仍要标记已修复吗？')).toBeNull();
  });

  it('shows why the edge refused, and cancels', async () => {
    renderWithI18n(
      <ResolveForm
        equipmentType="fryer"
        parts={{ status: 'error', message: 'forbidden' }}
        activeAlarms={[]}
        timezone="UTC"
        onSubmit={async () => {
          throw new Error('a resolved ticket cannot become resolved');
        }}
        onCancel={() => undefined}
      />,
    );
    expect(screen.getByText('The parts list could not be read: forbidden')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cleaned' }));
    fireEvent.click(submitButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not update the ticket: a resolved ticket cannot become resolved',
    );
  });
});
