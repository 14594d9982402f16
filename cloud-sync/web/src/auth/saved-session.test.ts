// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { CentralSession } from '../../../../shared/central/api';
import { clearSession, loadSession, saveSession } from './saved-session';

const session: CentralSession = {
  token: 'tok-123',
  expiresAt: 2_000_000,
  username: 'wang.li',
  role: 'regional_manager',
  regionId: 'east',
  storeIds: [],
};

beforeEach(() => sessionStorage.clear());

describe('the session kept in sessionStorage', () => {
  it('comes back after a reload until it expires', () => {
    saveSession(session);
    expect(loadSession(1_000_000)).toEqual(session);
    expect(loadSession(2_000_000)).toBeUndefined();
    expect(sessionStorage.length).toBe(0);
  });

  it('is gone after logging out', () => {
    saveSession(session);
    clearSession();
    expect(loadSession(0)).toBeUndefined();
  });

  it('garbage in storage is dropped, not trusted', () => {
    sessionStorage.setItem('galley.central.session', '{not json');
    expect(loadSession(0)).toBeUndefined();
    sessionStorage.setItem('galley.central.session', JSON.stringify({ token: 'x' }));
    expect(loadSession(0)).toBeUndefined();
    expect(sessionStorage.length).toBe(0);
  });
});
