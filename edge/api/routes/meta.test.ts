import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, createApiFixture } from '../testing/api-fixture';

/** `name{labels} value` per sample; labels values may hold escaped quotes, backslashes and newlines. */
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

describe('health, metrics and the display', () => {
  let f: ApiFixture | undefined;
  let displayDir: string | undefined;
  afterEach(async () => {
    await f?.close();
    if (displayDir) rmSync(displayDir, { recursive: true, force: true });
    f = undefined;
    displayDir = undefined;
  });

  it('reports health with uptime and version, and 503 when a check fails', async () => {
    let brokerUp = true;
    f = await createApiFixture({ health: () => ({ db: true, broker: brokerUp }) });
    f.clock.advance(90_000);
    const healthy = await f.server.inject({ url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({
      ok: true,
      version: '9.9.9-test',
      uptimeS: 90,
      checks: { db: true, broker: true },
    });
    brokerUp = false;
    const sick = await f.server.inject({ url: '/healthz' });
    expect(sick.statusCode).toBe(503);
    expect(sick.json()).toMatchObject({ ok: false, checks: { broker: false } });
  });

  it('exposes Prometheus text whose every sample line parses, with rejection totals read at scrape time', async () => {
    f = await createApiFixture();
    f.rejections.record('fryer-1', 'invalid_json', 'Unexpected token', 'galley/x/fryer-1/telemetry');
    f.rejections.record('fryer-2', 'invalid_json', 'Unexpected end', 'galley/x/fryer-2/telemetry');
    f.rejections.record('wic-1', 'out_of_range', 'temp_c 900 > 60', 'galley/x/wic-1/telemetry');
    f.metrics
      .gauge('galley_test_label_escaping', 'a "tricky" help\\text', ['path'])
      .set({ path: 'C:\\tmp\n"x"' }, 1);
    await f.server.inject({ url: '/healthz' });

    const response = await f.server.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.body.trimEnd().split('\n');
    const samples = lines.filter((l) => !l.startsWith('#'));
    for (const line of samples) expect(line).toMatch(SAMPLE);
    expect(lines).toContain('# TYPE galley_ingest_rejected_total counter');
    expect(samples).toContain('galley_ingest_rejected_total{reason="invalid_json"} 2');
    expect(samples).toContain('galley_ingest_rejected_total{reason="out_of_range"} 1');
    expect(samples).toContain('galley_http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(samples).toContain('galley_test_label_escaping{path="C:\\\\tmp\\n\\"x\\""} 1');
  });

  it('serves the built display with index.html for client-side routes, but JSON 404 under /api', async () => {
    displayDir = mkdtempSync(join(tmpdir(), 'galley-'));
    mkdirSync(join(displayDir, 'assets'));
    writeFileSync(join(displayDir, 'index.html'), '<!doctype html><title>board</title>');
    writeFileSync(join(displayDir, 'assets', 'app.js'), 'console.log("board")');
    f = await createApiFixture({ displayDir });

    const root = await f.server.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>board</title>');
    const asset = await f.server.inject({ url: '/assets/app.js' });
    expect(asset.body).toBe('console.log("board")');
    const clientRoute = await f.server.inject({ url: '/tickets/42?tab=history' });
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.body).toContain('<title>board</title>');
    const api = await f.server.inject({ url: '/api/tickets/42' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('not_found');
    const post = await f.server.inject({ method: 'POST', url: '/somewhere' });
    expect(post.statusCode).toBe(404);
  });

  it('sends security headers on pages, files, API answers and errors alike', async () => {
    displayDir = mkdtempSync(join(tmpdir(), 'galley-'));
    writeFileSync(join(displayDir, 'index.html'), '<!doctype html><title>board</title>');
    f = await createApiFixture({ displayDir });
    for (const url of ['/', '/tickets/42', '/healthz', '/api/equipment', '/api/nowhere']) {
      const res = await f.server.inject({ url });
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  it('runs without a display when the folder has no build', async () => {
    displayDir = mkdtempSync(join(tmpdir(), 'galley-'));
    f = await createApiFixture({ displayDir });
    const root = await f.server.inject({ url: '/' });
    expect(root.statusCode).toBe(404);
    expect(root.json().error).toBe('not_found');
  });
});
