import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

/**
 * The floor plan is enforced by the linter (biome.json's overrides), so `npm run check`
 * fails on a cross-part import. This plants imports in a scratch tree linted with the
 * project's own biome.json and checks which ones it refuses.
 */
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function lint(files: Record<string, string>): { status: number | null; output: string } {
  dir = mkdtempSync(join(tmpdir(), 'galley-boundaries-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
  // The scratch tree is not a git checkout; the rules themselves are the project's.
  config.vcs = { enabled: false };
  config.$schema = undefined;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = spawnSync(BIOME, ['lint', '--max-diagnostics=200', '.'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const refusedAt = (output: string, file: string) =>
  [
    ...output.matchAll(
      new RegExp(`${file.replace(/[.]/g, '\\.')}:(\\d+):\\d+ lint/style/noRestrictedImports`, 'g'),
    ),
  ]
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);

describe('part boundaries', () => {
  it('refuses an import of another part from edge, central, the simulator and shared', () => {
    const { status, output } = lint({
      'edge/api/planted.ts': [
        "import { a } from '../../cloud-sync/central/central-error';",
        "import { b } from '../../firmware-sim/random';",
        "import { c } from '../../test/testing/faults-kit';",
        "import { d } from '../../bin/main';",
        "import { e } from '../../shared/server/runtime/clock';",
        "import { f } from '../alarms/alarm-service';",
        'export const all = [a, b, c, d, e, f];',
      ].join('\n'),
      'cloud-sync/central/planted.ts': [
        "import { a } from '../../edge/runtime/event-bus';",
        "import { b } from '../../shared/server/http/errors';",
        'export const all = [a, b];',
      ].join('\n'),
      'firmware-sim/planted.ts': [
        "import { a } from '../edge/broker/edge-broker';",
        "import { b } from '../shared/topics';",
        'export const all = [a, b];',
      ].join('\n'),
      'shared/server/planted.ts': [
        "import { a } from '../../edge/api/auth';",
        "import { b } from './runtime/clock';",
        'export const all = [a, b];',
      ].join('\n'),
    });
    expect(status).not.toBe(0);
    expect(refusedAt(output, 'edge/api/planted.ts')).toEqual([1, 2, 3, 4]);
    expect(refusedAt(output, 'cloud-sync/central/planted.ts')).toEqual([1]);
    expect(refusedAt(output, 'firmware-sim/planted.ts')).toEqual([1]);
    expect(refusedAt(output, 'shared/server/planted.ts')).toEqual([1]);
    expect(output).toContain('edge/ imports only shared/ and its own folder');
  });

  it('keeps node and the node-side kit out of the display, the regional page and the shared contracts', () => {
    const { status, output } = lint({
      'display/src/board/planted.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { a } from '../../../shared/server/runtime/clock';",
        "import { b } from '../../../edge/api/auth';",
        "import { c } from '../../../shared/api/alarms';",
        "import { d } from '../app/format';",
        'export const all = [readFileSync, a, b, c, d];',
      ].join('\n'),
      'cloud-sync/web/src/app/planted.ts': [
        "import { a } from '../../../central/central-error';",
        "import { b } from '../../../../shared/central/api';",
        "import { createHash } from 'crypto';",
        'export const all = [a, b, createHash];',
      ].join('\n'),
      'shared/api/planted.ts': [
        "import { createHash } from 'node:crypto';",
        "import { a } from '../server/secret-hash';",
        "import { b } from './alarms';",
        'export const all = [createHash, a, b];',
      ].join('\n'),
      // Tests of browser code may read files from disk.
      'display/src/board/planted.test.ts':
        "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    });
    expect(status).not.toBe(0);
    expect(refusedAt(output, 'display/src/board/planted.ts')).toEqual([1, 2, 3]);
    expect(refusedAt(output, 'cloud-sync/web/src/app/planted.ts')).toEqual([1, 3]);
    expect(refusedAt(output, 'shared/api/planted.ts')).toEqual([1, 2]);
    expect(refusedAt(output, 'display/src/board/planted.test.ts')).toEqual([]);
  });

  it('lets a tree that keeps to the plan through', () => {
    const { status, output } = lint({
      'edge/api/fine.ts': "import { a } from '../../shared/server/runtime/clock';\nexport const all = [a];\n",
      'display/src/fine.ts': "import { b } from '../../shared/api/alarms';\nexport const all = [b];\n",
      'bin/fine.ts':
        "import { c } from '../edge/api/auth';\nimport { d } from '../cloud-sync/central/x';\nexport const all = [c, d];\n",
    });
    expect(output).not.toContain('noRestrictedImports');
    expect(status).toBe(0);
  });
});
