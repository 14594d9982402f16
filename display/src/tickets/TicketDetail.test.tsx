// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmView } from '../../../shared/api/alarms';
import type { AssignmentSuggestions, TechnicianView } from '../../../shared/api/technicians';
import { TicketTransitionRequest, type TicketView } from '../../../shared/api/tickets';
import type { Role } from '../../../shared/roles';
import type { PersonSession } from '../auth/person-session';
import { alarmView, equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { DEMO_PARTS, ticketView } from '../testing/ticket-fixtures';
import { TicketDetail } from './TicketDetail';

// uPlot measures the screen when it loads, which jsdom cannot; the chart is not what is tested here.
vi.mock('../charts/TimeChart', () => ({ TimeChart: () => null }));

/**
 * The ticket screen against an edge in memory: it answers the reads the screen makes,
 * and refuses the parts list without a maintainer's token, as the real one does.
 */
let ticket: TicketView;
let activeAlarms: AlarmView[];
let asked: string[];

const TOKENS: Record<string, Role> = { 'tok-tech': 'technician', 'tok-staff': 'staff', 'tok-mgr': 'manager' };

const SUGGESTIONS: AssignmentSuggestions = {
  ticketId: 7,
  equipmentId: 'wic-1',
  equipmentType: 'walk_in_cooler',
  suggestions: [
    {
      rank: 1,
      technicianId: 'coldchain-co',
      name: 'ColdChain Refrigeration',
      kind: 'contractor',
      assignee: 'coldchain-co',
      skillLevel: 3,
      openAssigned: 0,
      sla: null,
    },
  ],
};
const TECHNICIANS: TechnicianView[] = [
  {
    id: 'tech-wang',
    name: 'Technician Wang',
    kind: 'in_house',
    company: null,
    userId: 'tech-wang',
    skills: { fryer: 3 },
    coversThisStore: true,
    openAssigned: 2,
    sla: null,
  },
  // Suggested already, so listed once, among the suggestions.
  {
    id: 'coldchain-co',
    name: 'ColdChain Refrigeration',
    kind: 'contractor',
    company: 'ColdChain',
    userId: null,
    skills: { walk_in_cooler: 3 },
    coversThisStore: true,
    openAssigned: 0,
    sla: null,
  },
  // Covers another store only: not offered.
  {
    id: 'far-away',
    name: 'Far Away Service',
    kind: 'contractor',
    company: 'Far Away',
    userId: null,
    skills: {},
    coversThisStore: false,
    openAssigned: 0,
    sla: null,
  },
];

function answer(path: string, token: string | undefined): unknown {
  const role = token ? TOKENS[token] : undefined;
  if (path === `/api/tickets/${ticket.id}`) return { ...ticket, history: [], pmOverdue: [] };
  if (path === '/api/parts') return role && role !== 'staff' ? DEMO_PARTS : undefined;
  if (path.startsWith('/api/alarms?state=active')) return activeAlarms;
  if (path === `/api/tickets/${ticket.id}/assignment-suggestions`) return role ? SUGGESTIONS : undefined;
  if (path === '/api/technicians') return role ? TECHNICIANS : undefined;
  if (path.includes('/readings')) return [];
  return undefined;
}

beforeEach(() => {
  ticket = ticketView({ id: 7, status: 'in_progress', alarmIds: [3] });
  activeAlarms = [];
  asked = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const token = new Headers(init.headers).get('authorization')?.replace('Bearer ', '') || undefined;
    asked.push(path);
    const body = answer(path, token);
    return body === undefined
      ? new Response(JSON.stringify({ error: 'forbidden', message: 'no' }), { status: 403 })
      : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function person(role: Role): PersonSession {
  const token = Object.entries(TOKENS).find(([, r]) => r === role)?.[0] ?? 'tok-admin';
  return { token, role, userId: `${role}-1`, name: role, expiresAt: Date.now() + 60_000 };
}

/** The screen with nobody logged in: the first action asks for a PIN, answered by `who`. */
function renderDetail(who: Role, loggedIn: Role | undefined = undefined) {
  const moved: TicketTransitionRequest[] = [];
  const signIns: string[] = [];
  renderWithI18n(
    <TicketDetail
      ticketId={7}
      equipment={[equipmentView({ id: 'wic-1', name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' } })]}
      timezone="Asia/Shanghai"
      now={Date.UTC(2026, 0, 5, 3, 0)}
      role={loggedIn}
      users={[]}
      refreshKey={0}
      signIn={async (action) => {
        signIns.push(action);
        return person(who);
      }}
      onTransition={async (_id, request) => {
        moved.push(TicketTransitionRequest.parse(request));
      }}
    />,
  );
  return { moved, signIns };
}

describe('TicketDetail: resolving', () => {
  it('signs the technician in, then resolves through the form with code and parts', async () => {
    activeAlarms = [alarmView({ id: 3, equipmentId: 'wic-1' })];
    const screenUse = renderDetail('technician');
    fireEvent.click(await screen.findByRole('button', { name: 'Mark resolved' }));
    await screen.findByRole('form', { name: 'Mark resolved' });
    expect(screenUse.signIns).toEqual(['Mark resolved']);
    expect(await screen.findByText('The fault is still active — resolve anyway?')).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Add a part'), { target: { value: 'GSK-WIC-01' } });
    fireEvent.change(screen.getByLabelText('Quantity of Walk-in door gasket'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Door gasket replaced' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve anyway' }));
    await vi.waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(screenUse.moved).toEqual([
      {
        to: 'resolved',
        resolutionCode: 'gasket_replaced',
        parts: [{ name: 'Walk-in door gasket', partNumber: 'GSK-WIC-01', quantity: 1.5 }],
      },
    ]);
    expect(asked).toContain('/api/parts');
  });

  it('tells staff that only a technician or manager may resolve, and opens no form', async () => {
    const screenUse = renderDetail('staff');
    fireEvent.click(await screen.findByRole('button', { name: 'Mark resolved' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only a technician or a manager may mark a repair resolved.',
    );
    expect(screen.queryByRole('form')).toBeNull();
    expect(screenUse.moved).toEqual([]);
  });

  it('shows how a resolved repair was done', async () => {
    ticket = ticketView({
      id: 7,
      status: 'resolved',
      resolutionCode: 'part_replaced',
      parts: [{ name: 'Walk-in door gasket', quantity: 1.5, partNumber: 'GSK-WIC-01' }],
      resolutionNotes: 'gasket was torn',
      assignedTo: 'tech-wang',
    });
    renderDetail('manager', 'manager');
    const resolution = await screen.findByText('Part replaced');
    expect(resolution.closest('dl')?.textContent).toBe(
      'RepairPart replacedParts usedWalk-in door gasket × 1.5Technician’s notegasket was torn',
    );
    expect(screen.getByText('Assigned to tech-wang')).toBeTruthy();
  });
});

describe('TicketDetail: assigning', () => {
  it('lets a manager assign from the edge’s suggestions or anyone covering the store', async () => {
    const screenUse = renderDetail('manager', 'manager');
    fireEvent.click(await screen.findByRole('button', { name: 'Assign technician' }));
    const suggested = await screen.findByRole('group', { name: 'Suggested for this equipment' });
    expect(suggested.textContent).toBe(
      'Suggested for this equipmentColdChain RefrigerationContractor · skill 3/3 · 0 open',
    );
    const others = screen.getByRole('group', { name: 'Other technicians' });
    expect(others.textContent).toBe('Other techniciansTechnician WangIn-house · 2 open');
    fireEvent.click(screen.getByRole('button', { name: /Technician Wang/ }));
    await vi.waitFor(() => expect(screenUse.moved).toEqual([{ to: 'assigned', assignee: 'tech-wang' }]));
  });

  it('offers no assigning to a technician, and refuses it to one who signs in from an anonymous screen', async () => {
    renderDetail('technician', 'technician');
    await screen.findByRole('button', { name: 'Mark resolved' });
    expect(screen.queryByRole('button', { name: 'Assign technician' })).toBeNull();
    cleanup();
    renderDetail('technician');
    fireEvent.click(await screen.findByRole('button', { name: 'Assign technician' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Only a manager may assign a technician.');
  });
});
