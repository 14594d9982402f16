// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../shared/api/tickets';
import type { Role } from '../../../shared/roles';
import { renderWithI18n } from '../testing/render-with-i18n';
import { TicketActions } from './TicketActions';
import type { TicketStep } from './ticket-actions';

afterEach(cleanup);

function buttonsFor(status: TicketStatus, role: Role | undefined): string[] {
  const { container, unmount } = renderWithI18n(
    <TicketActions status={status} role={role} onStep={() => undefined} />,
  );
  const labels = [...container.querySelectorAll('button')].map((b) => b.textContent ?? '');
  unmount();
  return labels;
}

describe('ticket actions by role', () => {
  it('staff may acknowledge a new ticket but never verify, close or work a repair', () => {
    expect(buttonsFor('open', 'staff')).toEqual(['Acknowledge']);
    expect(buttonsFor('resolved', 'staff')).toEqual([]);
    expect(buttonsFor('in_progress', 'staff')).toEqual([]);
    expect(buttonsFor('verified', 'staff')).toEqual([]);
  });

  it('a manager may verify a resolved repair or reopen it, then close it', () => {
    expect(buttonsFor('resolved', 'manager')).toEqual(['Verify repair', 'Reopen']);
    expect(buttonsFor('verified', 'manager')).toEqual(['Close']);
  });

  it('a technician moves the ticket through the repair but does not verify his own work', () => {
    expect(buttonsFor('open', 'technician')).toEqual(['Acknowledge']);
    expect(buttonsFor('acknowledged', 'technician')).toEqual(['Start work']);
    expect(buttonsFor('in_progress', 'technician')).toEqual(['Mark resolved']);
    expect(buttonsFor('resolved', 'technician')).toEqual([]);
  });

  it('with nobody logged in, offers every next step and lets the PIN decide; a closed ticket has none', () => {
    expect(buttonsFor('resolved', undefined)).toEqual(['Verify repair', 'Reopen']);
    expect(buttonsFor('closed', 'admin')).toEqual([]);
  });

  it('hands the tapped step on', () => {
    const taken: TicketStep[] = [];
    const technician: Role = 'technician';
    renderWithI18n(<TicketActions status="in_progress" role={technician} onStep={(to) => taken.push(to)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Mark resolved' }));
    expect(taken).toEqual(['resolved']);
  });

  it('offers assigning a technician to managers only, until the repair is done', () => {
    const withAssign = (status: TicketStatus, role: Role | undefined, assigned = false) => {
      const { container, unmount } = renderWithI18n(
        <TicketActions
          status={status}
          role={role}
          onStep={() => undefined}
          onAssign={() => undefined}
          assigned={assigned}
        />,
      );
      const labels = [...container.querySelectorAll('button')].map((b) => b.textContent ?? '');
      unmount();
      return labels;
    };
    expect(withAssign('open', 'manager')).toEqual(['Acknowledge', 'Assign technician']);
    expect(withAssign('in_progress', 'admin', true)).toEqual(['Mark resolved', 'Reassign']);
    expect(withAssign('open', 'technician')).toEqual(['Acknowledge']);
    expect(withAssign('open', 'staff')).toEqual(['Acknowledge']);
    expect(withAssign('resolved', 'manager')).toEqual(['Verify repair', 'Reopen']);
    // Nobody logged in: offered, and the PIN decides.
    expect(withAssign('acknowledged', undefined)).toEqual(['Start work', 'Assign technician']);
  });
});
