import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import { RequestError } from '../../../shared/browser/json-client';
import { displayCredential } from '../auth/display-credential';
import { DISPLAY_NOT_PAIRED, requestEdge } from './edge-client';

const PAIRING = { credential: 'cred-1', id: 'd-1', name: 'Pass' };

/** The edge as the display sees it: one canned answer, and the headers of every request kept. */
let answer: () => Response;
let sent: Headers[];
/** runs while the request is out, before the edge answers */
let meanwhile: () => void;

beforeEach(() => {
  sent = [];
  meanwhile = () => undefined;
  answer = () => new Response('{"ok":true}', { status: 200 });
  vi.stubGlobal('fetch', async (_input: string, init: RequestInit) => {
    sent.push(new Headers(init.headers));
    meanwhile();
    return answer();
  });
});

afterEach(() => {
  displayCredential.clear();
  vi.unstubAllGlobals();
});

const Ok = z.object({ ok: z.boolean() });
const refused = (error: string) => () =>
  new Response(JSON.stringify({ error, message: 'no' }), { status: 401 });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('requestEdge', () => {
  it("sends the display's credential once paired, and none before", async () => {
    await requestEdge('/api/store', Ok);
    displayCredential.set(PAIRING);
    await requestEdge('/api/store', Ok, { token: 'tok' });
    expect(sent[0]?.has(DISPLAY_CREDENTIAL_HEADER)).toBe(false);
    expect(sent[1]?.get(DISPLAY_CREDENTIAL_HEADER)).toBe('cred-1');
    expect(sent[1]?.get('authorization')).toBe('Bearer tok');
  });

  it('forgets a credential the edge no longer knows, so the board goes on unpaired', async () => {
    displayCredential.set(PAIRING);
    answer = refused(DISPLAY_NOT_PAIRED);
    const err = await failure(requestEdge('/api/session', Ok, { method: 'POST', body: {} }));
    expect(err).toBeInstanceOf(RequestError);
    expect(err).toMatchObject({ status: 401, apiCode: DISPLAY_NOT_PAIRED });
    expect(displayCredential.get()).toBeUndefined();
  });

  it('keeps the credential when only the person was refused', async () => {
    displayCredential.set(PAIRING);
    answer = refused('unauthorized');
    await failure(requestEdge('/api/session', Ok, { method: 'POST', body: {} }));
    expect(displayCredential.get()).toEqual(PAIRING);
  });

  it('keeps a pairing made while the refused request was out', async () => {
    displayCredential.set(PAIRING);
    const fresh = { credential: 'cred-2', id: 'd-2', name: 'Pass' };
    meanwhile = () => displayCredential.set(fresh);
    answer = refused(DISPLAY_NOT_PAIRED);
    await failure(requestEdge('/api/store', Ok));
    expect(displayCredential.get()).toEqual(fresh);
  });
});
