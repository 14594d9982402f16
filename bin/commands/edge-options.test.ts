import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEdgeOptions, UsageError } from './edge-options';

const base = ['--config', 'store.yaml', '--data', 'data'];
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('edge options: central sync', () => {
  it('sync is off without a URL', () => {
    expect(parseEdgeOptions(base, {}).central).toBeUndefined();
  });

  it('takes the token from GALLEY_CENTRAL_TOKEN or from a file, never from the command line', () => {
    expect(
      parseEdgeOptions([...base, '--central-url', 'https://central.example'], {
        GALLEY_CENTRAL_TOKEN: 'gst_a.b',
      }).central,
    ).toEqual({ url: 'https://central.example', token: 'gst_a.b' });

    const dir = mkdtempSync(join(tmpdir(), 'galley-'));
    dirs.push(dir);
    const file = join(dir, 'token');
    writeFileSync(file, 'gst_file.secret\n');
    expect(
      parseEdgeOptions([...base, '--central-token-file', file], {
        GALLEY_CENTRAL_URL: 'http://127.0.0.1:8090',
        GALLEY_CENTRAL_TOKEN: 'gst_env.ignored',
      }).central,
    ).toEqual({ url: 'http://127.0.0.1:8090', token: 'gst_file.secret' });

    expect(() =>
      parseEdgeOptions([...base, '--central-url', 'http://c', '--central-token', 'gst_x.y'], {}),
    ).toThrow(/not taken on the command line/);
  });

  it('refuses a URL without a token, a bad URL, and an unreadable token file', () => {
    expect(() => parseEdgeOptions([...base, '--central-url', 'http://c'], {})).toThrow(UsageError);
    expect(() =>
      parseEdgeOptions([...base, '--central-url', 'central:8090'], { GALLEY_CENTRAL_TOKEN: 'gst_a.b' }),
    ).toThrow(/http\(s\) URL/);
    expect(() =>
      parseEdgeOptions(
        [...base, '--central-url', 'http://c', '--central-token-file', '/nonexistent/token'],
        {},
      ),
    ).toThrow(/cannot read/);
    expect(() => parseEdgeOptions([...base, '--mqtt-prot', '1'], {})).toThrow(/unknown option --mqtt-prot/);
  });
});
