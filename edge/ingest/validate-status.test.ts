import { describe, expect, it } from 'vitest';
import { demoConfig } from './testing/ingest-fixture';
import { validateStatus } from './validate-device-message';

const limits = demoConfig().limits;
const status = (value: unknown) => validateStatus(Buffer.from(JSON.stringify(value)), { limits });

describe('status messages', () => {
  it('accepts online, offline, and the planned stop with its reason', () => {
    expect(status({ online: true })).toEqual({ ok: true, online: true, reason: undefined });
    expect(status({ online: false })).toEqual({ ok: true, online: false, reason: undefined });
    expect(status({ online: false, reason: 'shutdown' })).toEqual({
      ok: true,
      online: false,
      reason: 'shutdown',
    });
  });

  it('refuses a reason it does not know, and a reason on an online status', () => {
    expect(status({ online: false, reason: 'nap' })).toMatchObject({
      ok: false,
      reason: 'schema_mismatch',
      detail: expect.stringMatching(/^reason: /),
    });
    expect(status({ online: true, reason: 'shutdown' })).toEqual({
      ok: false,
      reason: 'schema_mismatch',
      detail: 'reason: a reason goes only with "online": false',
    });
  });
});
