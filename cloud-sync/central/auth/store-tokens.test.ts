import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { openCentral } from '../central-service';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
import { STORE_TOKEN_CACHE_MS, type StoreTokens } from './store-tokens';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('store token verification cache on %s', (backend) => {
  let central: TestCentral;
  let tokens: StoreTokens;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    tokens = central.service.central.tokens;
    const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const store = await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: 'Shanghai 001', regionId: 'east' },
    });
    expect(store.status).toBe(201);
  });
  afterEach(async () => {
    await central.stop();
  });

  const lastUsed = async () => (await tokens.list('sh-001'))[0]?.lastUsedAt;

  it('writes lastUsedAt once per cache period, not once per request', async () => {
    const issued = await tokens.issue('sh-001');
    const t0 = central.clock.now();
    expect(await tokens.verify(issued.token)).toEqual({ storeId: 'sh-001', tokenId: issued.tokenId });
    expect(await lastUsed()).toBe(t0);

    central.clock.advance(10_000);
    for (let i = 0; i < 5; i++)
      expect(await tokens.verify(issued.token)).toMatchObject({ storeId: 'sh-001' });
    expect(await lastUsed()).toBe(t0);

    central.clock.advance(STORE_TOKEN_CACHE_MS);
    expect(await tokens.verify(issued.token)).toMatchObject({ storeId: 'sh-001' });
    expect(await lastUsed()).toBe(central.clock.now());
  });

  it('answers each of many verifications asked at once (looked up together) for its own token', async () => {
    const issued = await Promise.all(Array.from({ length: 30 }, () => tokens.issue('sh-001')));
    const revoked = issued[29] as (typeof issued)[number];
    await tokens.revoke(revoked.tokenId);
    const asked = [
      ...issued.slice(0, 29).map((t) => t.token),
      (issued[0] as (typeof issued)[number]).token,
      `${(issued[1] as (typeof issued)[number]).token.slice(0, -4)}AAAA`,
      revoked.token,
      'gst_nosuchtoken.AAAAAAAAAAAAAAAAAAAAAAAA',
    ];
    const answers = await Promise.all(asked.map((token) => tokens.verify(token)));
    expect(answers.slice(0, 29)).toEqual(
      issued.slice(0, 29).map((t) => ({ storeId: 'sh-001', tokenId: t.tokenId })),
    );
    expect(answers.slice(29)).toEqual([
      { storeId: 'sh-001', tokenId: issued[0]?.tokenId },
      undefined,
      { revoked: true },
      undefined,
    ]);
  });

  it('a cached token id with a wrong secret is still refused', async () => {
    const issued = await tokens.issue('sh-001');
    expect(await tokens.verify(issued.token)).toMatchObject({ storeId: 'sh-001' });
    const forged = `${issued.token.slice(0, -4)}AAAA`;
    expect(await tokens.verify(forged)).toBeUndefined();
  });

  it('a revoke in this process refuses the token at once, cached or not', async () => {
    const issued = await tokens.issue('sh-001');
    const other = await tokens.issue('sh-001');
    expect(await tokens.verify(issued.token)).toMatchObject({ storeId: 'sh-001' });
    expect(await tokens.verify(other.token)).toMatchObject({ storeId: 'sh-001' });

    await tokens.revoke(issued.tokenId);

    expect(await tokens.verify(issued.token)).toEqual({ revoked: true });
    expect(await tokens.verify(other.token)).toEqual({ storeId: 'sh-001', tokenId: other.tokenId });
  });

  it('a revoke by another process on the same database refuses the cached token on the next request', async () => {
    const issued = await tokens.issue('sh-001');
    const other = await tokens.issue('sh-001');
    expect(await tokens.verify(issued.token)).toMatchObject({ storeId: 'sh-001' });
    expect(await tokens.verify(other.token)).toMatchObject({ storeId: 'sh-001' });
    // Its own connection pool and caches: what the CLI or a second central process has.
    const elsewhere = await openCentral({
      dataDir: central.dataDir,
      databaseUrl: central.databaseUrl,
      logger: silentLogger(),
    });
    try {
      await elsewhere.tokens.revoke(issued.tokenId);
    } finally {
      await elsewhere.close();
    }
    // Well inside STORE_TOKEN_CACHE_MS: no timer is what makes this pass.
    central.clock.advance(1);
    expect(await tokens.verify(issued.token)).toEqual({ revoked: true });
    expect(await tokens.verify(other.token)).toEqual({ storeId: 'sh-001', tokenId: other.tokenId });
  });

  it('a revoke landing while a verification awaits the database is not undone by caching', async () => {
    const issued = await tokens.issue('sh-001');
    const pending = tokens.verify(issued.token);
    await tokens.revoke(issued.tokenId);
    await pending;
    expect(await tokens.verify(issued.token)).toEqual({ revoked: true });
  });

  it('lastUsedAt of many tokens verified at once is written, each with its own time', async () => {
    const issued = await Promise.all(Array.from({ length: 30 }, () => tokens.issue('sh-001')));
    const times = new Map<string, number>();
    for (const [i, t] of issued.entries()) {
      central.clock.advance(i % 2 === 0 ? 10 : 700);
      times.set(t.tokenId, central.clock.now());
      expect(await tokens.verify(t.token)).toMatchObject({ storeId: 'sh-001', tokenId: t.tokenId });
    }
    const listed = await tokens.list('sh-001');
    expect(new Map(listed.map((t) => [t.tokenId, t.lastUsedAt]))).toEqual(times);
  });
});
