// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualTicketRequest } from '../../../shared/api/tickets';
import { equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { type ProblemReport, ReportProblem } from './ReportProblem';

afterEach(cleanup);

const equipment = [
  equipmentView({ id: 'wic-1', name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' } }),
  equipmentView({ id: 'fryer-1', type: 'fryer', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } }),
  equipmentView({
    id: 'dish-1',
    type: 'dishwasher',
    station: 'wash',
    name: { en: 'Dishwasher', 'zh-CN': '洗碗机' },
  }),
  equipmentView({ id: 'wif-1', type: 'walk_in_freezer', name: { en: 'Walk-in freezer', 'zh-CN': '冷冻库' } }),
  equipmentView({
    id: 'hood-1',
    type: 'hood',
    station: 'fry',
    name: { en: 'Fry hood', 'zh-CN': '炸区排烟罩' },
  }),
];

/** The fault buttons offered once a machine is chosen, as the screen reads them. */
function offeredFaults(): string[] {
  return screen
    .getAllByRole('button')
    .filter((b) => b.hasAttribute('data-category'))
    .map((b) => b.textContent ?? '');
}

/** A ticket desk in memory that validates what it gets exactly as the edge does. */
function ticketDesk(failWith?: string) {
  const received: ManualTicketRequest[] = [];
  const send = async (r: ProblemReport) => {
    if (failWith) throw new Error(failWith);
    received.push(ManualTicketRequest.parse(r));
    return 40 + received.length;
  };
  return { received, send };
}

describe('ReportProblem', () => {
  it('reports in three taps: equipment, category, send', () => {
    const desk = ticketDesk();
    renderWithI18n(<ReportProblem equipment={equipment} onSend={desk.send} />);
    const send = screen.getByRole('button', { name: 'Send report' }) as HTMLButtonElement;
    expect(send.closest('fieldset')?.disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Fryer 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not heating' }));
    fireEvent.click(send);

    return screen.findByText('Reported: ticket #41 for Fryer 1').then(() => {
      expect(desk.received).toEqual([
        { equipmentId: 'fryer-1', fault: 'not_heating', category: 'not_heating' },
      ]);
    });
  });

  it('sends the optional note along', async () => {
    const desk = ticketDesk();
    renderWithI18n(<ReportProblem equipment={equipment} onSend={desk.send} initialEquipmentId="wic-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Leaking' }));
    fireEvent.change(screen.getByLabelText('Note (optional)'), {
      target: { value: '  water under the door ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByText('Reported: ticket #41 for Walk-in cooler');
    expect(desk.received[0]?.note).toBe('water under the door');
  });

  it('says so when the report could not be sent, keeping the choices', async () => {
    const desk = ticketDesk('edge unreachable');
    renderWithI18n(<ReportProblem equipment={equipment} onSend={desk.send} />, 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '冷藏库' }));
    fireEvent.click(screen.getByRole('button', { name: '不制冷' }));
    fireEvent.click(screen.getByRole('button', { name: '发送报修' }));
    await screen.findByText('发送失败：edge unreachable');
    expect(screen.getByRole('button', { name: '不制冷' }).getAttribute('aria-pressed')).toBe('true');
    expect(desk.received).toEqual([]);
  });

  it('offers the faults of the chosen machine’s kind: heating for a fryer, never "not cooling"', () => {
    renderWithI18n(<ReportProblem equipment={equipment} onSend={ticketDesk().send} />, 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '炸炉 1' }));
    expect(offeredFaults()).not.toContain('不制冷');
    expect(offeredFaults()).toEqual([
      '不加热',
      '温度过高/控温失灵',
      '不通电/跳闸',
      '设备屏幕报错',
      '异响',
      '漏水/漏油',
      '其他问题',
    ]);
    fireEvent.click(screen.getByRole('button', { name: '冷冻库' }));
    expect(offeredFaults().slice(0, 2)).toEqual(['不制冷', '门或密封条']);
  });

  it('offers water and drain for a dishwasher and airflow for a hood, sending the fault with its category', async () => {
    const desk = ticketDesk();
    renderWithI18n(<ReportProblem equipment={equipment} onSend={desk.send} />);
    fireEvent.click(screen.getByRole('button', { name: 'Fry hood' }));
    expect(offeredFaults()[0]).toBe('Weak or no airflow');
    fireEvent.click(screen.getByRole('button', { name: 'Dishwasher' }));
    expect(offeredFaults().slice(0, 2)).toEqual(['No water / will not fill', 'Not draining']);
    fireEvent.click(screen.getByRole('button', { name: 'Not draining' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByText('Reported: ticket #41 for Dishwasher');
    expect(desk.received).toEqual([{ equipmentId: 'dish-1', fault: 'not_draining', category: 'other' }]);
  });

  it('drops a chosen fault that does not fit the next machine tapped', () => {
    renderWithI18n(<ReportProblem equipment={equipment} onSend={ticketDesk().send} />);
    fireEvent.click(screen.getByRole('button', { name: 'Walk-in cooler' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not cooling' }));
    fireEvent.click(screen.getByRole('button', { name: 'Fryer 1' }));
    expect(screen.queryByRole('button', { name: 'Not cooling' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send report' }).closest('fieldset')?.disabled).toBe(true);
    // A fault every machine can have stays chosen.
    fireEvent.click(screen.getByRole('button', { name: 'Strange noise' }));
    fireEvent.click(screen.getByRole('button', { name: 'Walk-in freezer' }));
    expect(screen.getByRole('button', { name: 'Strange noise' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('groups the equipment by station in config order, as the board does', () => {
    const { container } = renderWithI18n(<ReportProblem equipment={equipment} onSend={ticketDesk().send} />);
    const groups = [...container.querySelectorAll('.report-station')].map((g) => ({
      station: g.querySelector('h3')?.textContent,
      machines: [...g.querySelectorAll('[data-equipment-id]')].map((b) =>
        b.getAttribute('data-equipment-id'),
      ),
    }));
    expect(groups).toEqual([
      { station: 'Cold storage', machines: ['wic-1', 'wif-1'] },
      { station: 'Fry', machines: ['fryer-1', 'hood-1'] },
      { station: 'Dish wash', machines: ['dish-1'] },
    ]);
  });
});
