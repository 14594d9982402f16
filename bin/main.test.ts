import { describe, expect, it } from 'vitest';
import { main } from './main';

function buffers() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } },
    out: () => out,
    err: () => err,
  };
}

describe('the galley launcher', () => {
  it('answers --help of the bench command with its options', async () => {
    const b = buffers();
    expect(await main(['bench', '--help'], b.io)).toBe(0);
    expect(b.out()).toContain('usage: galley bench');
    expect(b.out()).toContain('fault-latency');
  });

  it('turns a mistyped option into a one-line hint and exit code 2, not a stack trace', async () => {
    const b = buffers();
    expect(await main(['bench', '--frobnicate'], b.io)).toBe(2);
    expect(b.err()).toMatch(
      /^galley bench: Unknown option '--frobnicate'.*\nRun "galley bench --help" for the options\.\n$/,
    );
    expect(b.err()).not.toContain('    at ');
  });

  it('lists the commands for an unknown one', async () => {
    const b = buffers();
    expect(await main(['frobnicate'], b.io)).toBe(2);
    expect(b.err()).toContain('unknown command "frobnicate"');
    expect(b.err()).toContain('bench');
  });
});
