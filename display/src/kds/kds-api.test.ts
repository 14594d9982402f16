// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { displayCredential } from '../auth/display-credential';
import { bumpTicket, fireCourse, recallTicket } from './kds-api';

const CREDENTIAL = `gdc_${'a'.repeat(16)}.${'b'.repeat(43)}`;
let sent: { path: string; headers: Record<string, string>; body: unknown }[];

beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    sent.push({
      path,
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    return new Response('{}', { status: 200 });
  });
});

afterEach(() => {
  displayCredential.clear();
  vi.unstubAllGlobals();
});

describe('kitchen actions', () => {
  it('are sent as the paired display, so the edge records who bumped', async () => {
    displayCredential.set({ credential: CREDENTIAL, id: 'a'.repeat(16), name: 'Grill screen' });
    await bumpTicket(7, 'l2');
    await recallTicket(7);
    await fireCourse(70, 2);
    expect(sent.map((s) => [s.path, s.body, s.headers.authorization])).toEqual([
      ['/api/kds/tickets/7/bump', { lineId: 'l2' }, `Bearer ${CREDENTIAL}`],
      ['/api/kds/tickets/7/recall', undefined, `Bearer ${CREDENTIAL}`],
      ['/api/kds/orders/70/fire', { course: 2 }, `Bearer ${CREDENTIAL}`],
    ]);
  });

  it('bump the whole ticket with an empty body', async () => {
    await bumpTicket(7);
    expect(sent.map((s) => [s.path, s.body, s.headers.authorization])).toEqual([
      ['/api/kds/tickets/7/bump', {}, undefined],
    ]);
  });
});
