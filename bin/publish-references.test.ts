import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUT_DIR, publishReferences, REFERENCE_FILES, stableJson } from './publish-references';

const STALE = 'is stale: run `npm run references` and commit docs/reference';

describe('generated references in docs/reference', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'galley-references-test-'));
  let written: string[] = [];

  beforeAll(async () => {
    written = await publishReferences(outDir);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes every reference, from the real apps and the config schema', () => {
    expect(written.map((path) => basename(path))).toEqual([...REFERENCE_FILES]);
    const read = (name: string) => JSON.parse(readFileSync(join(outDir, name), 'utf8'));
    const edge = read('edge-openapi.json');
    expect(edge.openapi).toBe('3.1.0');
    // The whole edge, not a test fixture: routes of several modules are there.
    expect(Object.keys(edge.paths)).toEqual(
      expect.arrayContaining([
        '/api/openapi.json',
        '/api/equipment/{equipmentId}/readings',
        '/api/ingest/rejections',
        '/api/tickets/{ticketId}/transitions',
        '/api/tls/root.pem',
      ]),
    );
    const central = read('central-openapi.json');
    expect(Object.keys(central.paths)).toEqual(expect.arrayContaining(['/api/sync/batches', '/api/session']));
    const schema = read('config.schema.json');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['store', 'equipmentTypes', 'equipment', 'integrations', 'limits']),
    );
  });

  it('writes sorted keys and a trailing newline, so a regenerated file diffs cleanly', () => {
    for (const path of written) expect(readFileSync(path, 'utf8').endsWith('}\n'), path).toBe(true);
    expect(stableJson({ b: [{ d: 1, c: 2 }], a: null })).toBe(
      '{\n  "a": null,\n  "b": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ]\n}\n',
    );
  });

  it.each(REFERENCE_FILES)('docs/reference/%s is what the code generates', (name) => {
    const committed = join(DEFAULT_OUT_DIR, name);
    expect(existsSync(committed), `docs/reference/${name} is missing: run \`npm run references\``).toBe(true);
    const fresh = readFileSync(join(outDir, name), 'utf8');
    const stored = readFileSync(committed, 'utf8');
    expect(stored === fresh, `docs/reference/${name} ${STALE} (${firstDifference(stored, fresh)})`).toBe(
      true,
    );
  });
});

/** Where two texts part, for a failure message that is not a whole OpenAPI document. */
function firstDifference(stored: string, fresh: string): string {
  const a = stored.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: committed ${JSON.stringify(a[i])}, generated ${JSON.stringify(b[i])}`;
  }
  return 'no difference';
}
