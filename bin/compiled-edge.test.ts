import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledEdgeIsFresh, loadCompiledEdge, MANIFEST } from './compiled-edge.js';

const ROOT = join(import.meta.dirname, '..');

describe('the compiled edge daemon', () => {
  it('is built from the sources and rebuilt when one of them changes', async () => {
    const run = await loadCompiledEdge();
    expect(typeof run).toBe('function');
    expect(compiledEdgeIsFresh()).toBe(true);
    const inputs = Object.keys(JSON.parse(readFileSync(MANIFEST, 'utf8')).inputs as Record<string, number>);
    expect(inputs).toContain('bin/commands/edge-command.ts');
    expect(inputs).toContain('edge/broker/hooks/authenticate.ts');
    expect(inputs.some((f) => f.startsWith('node_modules/'))).toBe(false);

    // A source edited after the build makes the bundle stale; loading rebuilds it.
    const source = join(ROOT, 'edge', 'broker', 'session-binding.ts');
    const { atime, mtime } = statSync(source);
    utimesSync(source, atime, new Date(mtime.getTime() + 1000));
    try {
      expect(compiledEdgeIsFresh()).toBe(false);
      expect(typeof (await loadCompiledEdge())).toBe('function');
      expect(compiledEdgeIsFresh()).toBe(true);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });
});
