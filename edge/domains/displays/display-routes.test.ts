import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_CREDENTIAL_HEADER, type PairingStarted } from '../../../shared/api/displays';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { type ApiFixture, bearer, createApiFixture, TEST_PIN } from '../../api/testing/api-fixture';
import { DisplayPairing } from './display-pairing';
import { displaysRoutes } from './display-routes';

const asDisplay = (credential: string) => ({ [DISPLAY_CREDENTIAL_HEADER]: credential });

describe('display pairing over HTTP', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture((kit) => ({
      routes: displaysRoutes({
        displays: kit.displays,
        pairing: new DisplayPairing({ clock: kit.clock }),
        pinGate: kit.pinGate,
        logger: silentLogger(),
        metrics: kit.metrics,
      }),
    }));
  });
  afterEach(async () => {
    await f.close();
  });

  async function startPairing(remoteAddress = '10.0.0.5') {
    const response = await f.server.inject({ method: 'POST', url: '/api/displays/pairing', remoteAddress });
    return response;
  }

  async function confirm(code: string, user: string, pin: string, remoteAddress = '10.0.0.9') {
    return f.server.inject({
      method: 'POST',
      url: `/api/displays/pairing/${code}/confirm`,
      remoteAddress,
      payload: { user, pin, name: 'Line display' },
    });
  }

  async function claim(started: PairingStarted) {
    return f.server.inject({
      method: 'POST',
      url: '/api/displays/pairing/claim',
      payload: { pairingId: started.pairingId, claimSecret: started.claimSecret },
    });
  }

  /** A display paired the whole way through the API: code, manager PIN, claim. */
  async function pairDisplay(): Promise<string> {
    const started = (await startPairing()).json() as PairingStarted;
    expect((await confirm(started.code, 'manager-1', TEST_PIN)).statusCode).toBe(200);
    const claimed = (await claim(started)).json();
    expect(claimed.status).toBe('paired');
    return claimed.credential as string;
  }

  it('pairs a display: code shown, confirmed by a manager PIN, credential claimed once', async () => {
    const started = await startPairing();
    expect(started.statusCode).toBe(201);
    const body = started.json() as PairingStarted;
    expect(body.code).toMatch(/^\d{6}$/);
    expect(body.expiresAt).toBe(f.clock.now() + 5 * 60_000);
    expect((await claim(body)).json()).toEqual({ status: 'waiting', expiresAt: body.expiresAt });
    // Reading the code off the screen is not enough to take the credential.
    const thief = await f.server.inject({
      method: 'POST',
      url: '/api/displays/pairing/claim',
      payload: { pairingId: body.pairingId, claimSecret: 'guessed' },
    });
    expect(thief.statusCode).toBe(404);

    const confirmed = await confirm(body.code, 'manager-1', TEST_PIN);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ code: body.code, name: 'Line display', confirmedBy: 'manager-1' });

    const claimed = (await claim(body)).json();
    expect(claimed).toMatchObject({
      status: 'paired',
      display: { name: 'Line display', pairedBy: 'manager-1', state: 'paired' },
    });
    expect((await claim(body)).statusCode, 'a credential is handed out once').toBe(404);

    const self = await f.server.inject({ url: '/api/displays/self', headers: asDisplay(claimed.credential) });
    expect(self.json()).toMatchObject({ paired: true, display: { id: claimed.display.id } });
    expect((await f.server.inject({ url: '/api/displays/self' })).json()).toEqual({ paired: false });
    // The credential is stored only as a hash.
    const rows = f.db.prepare('SELECT * FROM displays').all();
    expect(JSON.stringify(rows)).not.toContain(claimed.credential.split('.')[1]);
  });

  it('confirming needs a manager PIN, checked before anything about the code', async () => {
    const { code } = (await startPairing()).json() as PairingStarted;
    const wrongPin = await confirm(code, 'manager-1', '0000');
    expect(wrongPin.statusCode).toBe(401);
    const staff = await confirm(code, 'staff-1', TEST_PIN);
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ permission: 'displays.manage', allowedRoles: ['manager', 'admin'] });
    // A wrong PIN on a code nobody shows answers exactly as on a real one.
    const unknownCode = code === '000000' ? '000001' : '000000';
    const wrongElsewhere = await confirm(unknownCode, 'manager-1', '0000');
    expect(wrongElsewhere.statusCode).toBe(401);
    expect(wrongElsewhere.json()).toEqual(wrongPin.json());
    expect((await confirm(unknownCode, 'manager-1', TEST_PIN)).statusCode).toBe(404);
    // The guesses count with the logins': the PIN gate holds this (user, address) back.
    for (let i = 0; i < 6; i++) await confirm(code, 'admin-1', '9999', '10.0.0.66');
    const held = await confirm(code, 'admin-1', TEST_PIN, '10.0.0.66');
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBeDefined();
    // Nothing was paired by any of it.
    expect(f.displays.list()).toEqual([]);
  });

  it('an anonymous flood of pairing requests neither grows without bound nor unpairs a display', async () => {
    const credential = await pairDisplay();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const response = await startPairing(`10.1.${i % 50}.${i % 7}`);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.get(201)).toBe(32);
    expect(statuses.get(429)).toBe(400 - 32);
    // From one address: three codes at most, whatever the store-wide room.
    f.clock.advance(5 * 60_000);
    const fromOne = [];
    for (let i = 0; i < 10; i++) fromOne.push((await startPairing('10.2.0.1')).statusCode);
    expect(fromOne.filter((s) => s === 201)).toHaveLength(3);
    // The old route that handed out evictable sessions is gone.
    for (let i = 0; i < 60; i++) {
      expect((await f.server.inject({ method: 'POST', url: '/api/session/display' })).statusCode).toBe(404);
    }

    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(credential) })).statusCode).toBe(
      200,
    );
    const self = await f.server.inject({ url: '/api/displays/self', headers: asDisplay(credential) });
    expect(self.json().paired).toBe(true);
    expect(f.displays.list()).toHaveLength(1);
    expect((await f.server.inject({ url: '/metrics' })).body).toContain(
      'galley_display_pairings_refused_total 375',
    );
  });

  it('a code expires after 5 minutes and can then not be confirmed', async () => {
    const started = (await startPairing()).json() as PairingStarted;
    f.clock.advance(5 * 60_000);
    expect((await confirm(started.code, 'manager-1', TEST_PIN)).statusCode).toBe(404);
    expect((await claim(started)).statusCode).toBe(404);
  });

  it('a manager lists and revokes displays; a revoked credential is refused at once', async () => {
    const credential = await pairDisplay();
    const manager = bearer(await f.tokenFor('manager'));
    const listed = await f.server.inject({ url: '/api/displays', headers: manager });
    expect(listed.statusCode).toBe(200);
    const [display] = listed.json();
    expect(display).toMatchObject({ name: 'Line display', pairedBy: 'manager-1', state: 'paired' });

    const staff = bearer(await f.tokenFor('staff'));
    expect((await f.server.inject({ url: '/api/displays', headers: staff })).statusCode).toBe(403);
    const byStaff = await f.server.inject({
      method: 'DELETE',
      url: `/api/displays/${display.id}`,
      headers: staff,
    });
    expect(byStaff.statusCode).toBe(403);
    const byAnyone = await f.server.inject({ method: 'DELETE', url: `/api/displays/${display.id}` });
    expect(byAnyone.statusCode).toBe(401);

    const revoked = await f.server.inject({
      method: 'DELETE',
      url: `/api/displays/${display.id}`,
      headers: manager,
    });
    expect(revoked.statusCode).toBe(204);
    const again = await f.server.inject({
      method: 'DELETE',
      url: `/api/displays/${display.id}`,
      headers: manager,
    });
    expect(again.statusCode).toBe(404);

    const asHeader = await f.server.inject({ url: '/api/equipment', headers: asDisplay(credential) });
    expect(asHeader.statusCode).toBe(401);
    expect(asHeader.json().error).toBe('display_not_paired');
    // Also on public routes (a PIN login from the revoked display), so it learns it is unpaired.
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/session',
      headers: asDisplay(credential),
      payload: { user: 'staff-1', pin: TEST_PIN },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error).toBe('display_not_paired');
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(credential) })).statusCode).toBe(
      401,
    );
    // Without its credential the board still reads.
    expect((await f.server.inject({ url: '/api/equipment' })).statusCode).toBe(200);
  });

  it('a one-time pairing link made on the box gives one credential, once', async () => {
    const { ticket, display } = f.displays.issueTicket('Demo display', 'demo');
    expect(display.state).toBe('awaiting_screen');
    const exchange = () =>
      f.server.inject({ method: 'POST', url: '/api/displays/pairing/ticket', payload: { ticket } });
    const first = await exchange();
    expect(first.statusCode).toBe(200);
    expect(first.json().display).toMatchObject({ id: display.id, state: 'paired', pairedBy: 'demo' });
    expect((await exchange()).statusCode).toBe(404);
    const credential = first.json().credential as string;
    expect(
      (await f.server.inject({ url: '/api/equipment', headers: asDisplay(credential) })).statusCode,
    ).toBe(200);

    const late = f.displays.issueTicket('Late display', 'demo');
    f.clock.advance(24 * 3_600_000);
    const expired = await f.server.inject({
      method: 'POST',
      url: '/api/displays/pairing/ticket',
      payload: { ticket: late.ticket },
    });
    expect(expired.statusCode).toBe(404);
  });

  it('describes the display routes in the API description', async () => {
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/displays',
      '/api/displays/{displayId}',
      '/api/displays/pairing',
      '/api/displays/pairing/claim',
      '/api/displays/pairing/{code}/confirm',
      '/api/displays/pairing/ticket',
      '/api/displays/self',
    ]) {
      expect(paths).toContain(path);
    }
    expect(doc.paths['/api/displays/pairing'].post.security).toEqual([]);
    expect(doc.paths['/api/displays'].get['x-roles']).toEqual(['manager', 'admin']);
  });
});
