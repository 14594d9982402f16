import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArchiveFileAck,
  STORE_ARCHIVE_ROUTES,
  type StoreArchiveAck,
  type StoreArchiveManifest,
  type StoreArchiveView,
  type StoreClosingStatus,
  storeArchivePath,
} from '../../../shared/central/store-archive-api';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
import { archiveRetentionMs } from './store-archive-store';

afterAll(releaseSharedPostgres, 60_000);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const DB_BYTES = Buffer.from('SQLite format 3\u0000 pretend database with 闭店 records');
const CSV_BYTES = Buffer.from('\uFEFFid,fault\r\n1,door gasket torn\r\n');

describe.each(BACKENDS)("a closing store's archive at central (%s)", (backend) => {
  let central: TestCentral;
  let admin = '';
  let north = '';
  const tokens: Record<string, string> = {};
  const path = (route: (typeof STORE_ARCHIVE_ROUTES)[keyof typeof STORE_ARCHIVE_ROUTES], name = '') =>
    `${central.url}${storeArchivePath(route, 'sh-001', name)}`;
  const put = (name: string, bytes: Buffer, token = tokens['sh-001'] ?? '') =>
    fetch(path(STORE_ARCHIVE_ROUTES.file, name), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });
  const manifest = (files: StoreArchiveManifest['files']): StoreArchiveManifest => ({
    format: 1,
    storeId: 'sh-001',
    createdAt: 1_800_000_000_000,
    finalSeq: 0,
    centralSeq: 0,
    files,
  });
  const files: StoreArchiveManifest['files'] = [
    { name: 'store.sqlite', kind: 'database', sha256: sha256(DB_BYTES), bytes: DB_BYTES.length },
    { name: 'tickets.tickets.csv', kind: 'csv', sha256: sha256(CSV_BYTES), bytes: CSV_BYTES.length, rows: 1 },
  ];

  beforeAll(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (p: string, body: unknown) => http(`${central.url}${p}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', regionId: 'east', state: 'open' });
    await post('/api/admin/stores', { id: 'bj-001', regionId: 'north', state: 'open' });
    await post('/api/admin/users', {
      username: 'zhao',
      password: 'north-pw-1',
      role: 'regional_manager',
      regionId: 'north',
    });
    north = await login(central.url, 'zhao', 'north-pw-1');
    for (const id of ['sh-001', 'bj-001'])
      tokens[id] = (
        await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
          token: admin,
          method: 'POST',
        })
      ).body.token;
  }, 60_000);
  afterAll(async () => central?.stop());

  it('takes an archive only from the store itself, only while it is closing', async () => {
    const status = await http<StoreClosingStatus>(path(STORE_ARCHIVE_ROUTES.closing), {
      token: tokens['sh-001'],
    });
    expect(status.body).toEqual({ storeId: 'sh-001', state: 'open', highestSeq: 0 });
    expect((await put('store.sqlite', DB_BYTES)).status).toBe(409);
    const moved = await http(`${central.url}/api/admin/stores/sh-001/state`, {
      token: admin,
      body: { to: 'closing', reason: 'lease ends' },
    });
    expect(moved.status).toBe(201);
    expect((await put('store.sqlite', DB_BYTES, tokens['bj-001'])).status).toBe(403);
    expect((await http(path(STORE_ARCHIVE_ROUTES.closing), { token: tokens['bj-001'] })).status).toBe(403);
    expect(
      (await http(path(STORE_ARCHIVE_ROUTES.complete), { token: tokens['sh-001'], method: 'POST' })).status,
    ).toBe(409);
  });

  it('checks every file against the manifest with the SHA-256 it computed itself', async () => {
    const first = await put('store.sqlite', DB_BYTES);
    expect(first.status).toBe(200);
    expect((await first.json()) as ArchiveFileAck).toEqual(
      files[0] && { name: 'store.sqlite', sha256: files[0].sha256, bytes: DB_BYTES.length },
    );
    // A file missing, then one whose bytes changed on the way: refused, each named, nothing kept.
    const missing = await http<{ message: string }>(path(STORE_ARCHIVE_ROUTES.archive), {
      method: 'PUT',
      token: tokens['sh-001'],
      body: manifest(files),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('tickets.tickets.csv was not received');
    expect((await put('tickets.tickets.csv', Buffer.from('id,fault\r\n1,tampered\r\n'))).status).toBe(200);
    const altered = await http<{ message: string }>(path(STORE_ARCHIVE_ROUTES.archive), {
      method: 'PUT',
      token: tokens['sh-001'],
      body: manifest(files),
    });
    expect(altered.status).toBe(400);
    expect(altered.body.message).toMatch(/tickets\.tickets\.csv: central computed sha256 [0-9a-f]{64}/);
    expect((await http(path(STORE_ARCHIVE_ROUTES.archive), { token: admin })).status).toBe(404);

    expect((await put('tickets.tickets.csv', CSV_BYTES)).status).toBe(200);
    const ack = await http<StoreArchiveAck>(path(STORE_ARCHIVE_ROUTES.archive), {
      method: 'PUT',
      token: tokens['sh-001'],
      body: manifest(files),
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ checksumsVerified: true, size: DB_BYTES.length + CSV_BYTES.length });
    expect(ack.body.retentionUntil - ack.body.uploadedAt).toBe(archiveRetentionMs({}));
  });

  it('closes the store on the box’s word, and the archive stays readable by its region', async () => {
    const closed = await http<{ to: string; by: string }>(path(STORE_ARCHIVE_ROUTES.complete), {
      token: tokens['sh-001'],
      method: 'POST',
    });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ to: 'closed', by: 'store:sh-001' });
    expect((await put('store.sqlite', DB_BYTES)).status).toBe(403);

    const view = await http<StoreArchiveView>(path(STORE_ARCHIVE_ROUTES.archive), { token: admin });
    expect(view.body.manifest).toEqual(manifest(files));
    expect((await http(path(STORE_ARCHIVE_ROUTES.archive), { token: north })).status).toBe(404);
    for (const file of files) {
      const answer = await fetch(path(STORE_ARCHIVE_ROUTES.file, file.name), {
        headers: { authorization: `Bearer ${admin}` },
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect(sha256(bytes)).toBe(file.sha256);
      expect(answer.headers.get('x-content-sha256')).toBe(file.sha256);
    }
    expect((await http(path(STORE_ARCHIVE_ROUTES.file, 'other.csv'), { token: admin })).status).toBe(404);
  });
});

describe('the archive routes', () => {
  it('describes the archive routes in the generated API description', async () => {
    const central = await startTestCentral('sqlite');
    try {
      const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(
        `${central.url}/api/openapi.json`,
      );
      const archivePaths = Object.keys(doc.body.paths).filter(
        (p) => /closing|archive/.test(p) && p.startsWith('/api/stores/'),
      );
      expect(archivePaths.sort()).toEqual([
        '/api/stores/{storeId}/archive',
        '/api/stores/{storeId}/archive/files/{name}',
        '/api/stores/{storeId}/closing',
        '/api/stores/{storeId}/closing/complete',
        '/api/stores/{storeId}/closing/run',
      ]);
      expect(Object.keys(doc.body.paths['/api/stores/{storeId}/archive'] ?? {}).sort()).toEqual([
        'get',
        'put',
      ]);
    } finally {
      await central.stop();
    }
  });
});

describe('archive retention', () => {
  it('is seven years unless configured, and refuses nonsense', () => {
    expect(archiveRetentionMs({})).toBe(Math.round(7 * 365.25 * 86_400_000));
    expect(archiveRetentionMs({ GALLEY_ARCHIVE_RETENTION_YEARS: '10' })).toBe(
      Math.round(10 * 365.25 * 86_400_000),
    );
    expect(() => archiveRetentionMs({ GALLEY_ARCHIVE_RETENTION_YEARS: '0' })).toThrow(/between 1 and 30/);
    expect(() => archiveRetentionMs({ GALLEY_ARCHIVE_RETENTION_YEARS: 'seven' })).toThrow(/between 1 and 30/);
  });
});
