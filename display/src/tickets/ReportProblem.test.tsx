// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualTicketRequest, type ProblemCategory } from '../../../shared/api/tickets';
import { equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { ReportProblem } from './ReportProblem';

afterEach(cleanup);

const equipment = [
  equipmentView({ id: 'wic-1', name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' } }),
  equipmentView({ id: 'fryer-1', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } }),
];

/** A ticket desk in memory that validates what it gets exactly as the edge does. */
function ticketDesk(failWith?: string) {
  const received: ManualTicketRequest[] = [];
  const send = async (r: { equipmentId: string; category: ProblemCategory; note?: string }) => {
    if (failWith) throw new Error(failWith);
    received.push(ManualTicketRequest.parse({ ...r, fault: r.category }));
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
});
