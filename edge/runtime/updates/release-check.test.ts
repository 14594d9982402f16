import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EdgeUpdateCommand, ReleasePackage } from '../../../shared/central/edge-releases';
import { dependencyTreeHash } from './lock-hash';
import { checkRelease, ReleaseRefused } from './release-check';

const lock = (rootVersion: string, aedes = '0.51.3') =>
  JSON.stringify({
    name: 'galley',
    version: rootVersion,
    lockfileVersion: 3,
    packages: {
      '': { name: 'galley', version: rootVersion },
      'node_modules/aedes': { version: aedes, integrity: 'sha512-x' },
    },
  });

const tree = dependencyTreeHash(lock('1.0.0'));
const bundle = Buffer.from('export async function runEdgeCommand() { return 0; }\n');
const sha256 = createHash('sha256').update(bundle).digest('hex');
const pkg: ReleasePackage = {
  manifest: {
    format: 1,
    version: '1.1.0',
    sha256,
    bytes: bundle.length,
    nodeMajor: 20,
    lockHash: tree,
    builtAt: 1,
    entry: 'edge-command.mjs',
  },
  bundleBase64: bundle.toString('base64'),
};
const asked: EdgeUpdateCommand = { kind: 'edge.update', rolloutId: 3, version: '1.1.0', sha256 };
const box = { nodeMajor: 20, lockHash: tree };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ReleaseRefused) return err.message;
    throw err;
  }
  throw new Error('not refused');
}

describe('a downloaded release is checked before it is staged', () => {
  it('hashes the dependency tree alone: a new version label of the package itself does not change it', () => {
    expect(dependencyTreeHash(lock('2.0.0'))).toBe(tree);
    expect(dependencyTreeHash(lock('1.0.0', '0.52.0'))).not.toBe(tree);
    expect(() => dependencyTreeHash('{"lockfileVersion":1}')).toThrow('no "packages"');
  });

  it('returns the bundle of a release that matches the command and the box', () => {
    expect(checkRelease(pkg, asked, box).equals(bundle)).toBe(true);
  });

  it('refuses a bundle that does not match its checksum', () => {
    const swapped = {
      ...pkg,
      bundleBase64: Buffer.from('export const x = 2;\n'.padEnd(bundle.length)).toString('base64'),
    };
    expect(refusal(() => checkRelease(swapped, asked, box))).toContain("the bundle's SHA-256 is");
    expect(refusal(() => checkRelease(pkg, { ...asked, sha256: 'f'.repeat(64) }, box))).toContain(
      'not the one the command names',
    );
    expect(refusal(() => checkRelease(pkg, { ...asked, version: '1.2.0' }, box))).toContain(
      'central sent release 1.1.0',
    );
  });

  it('refuses a release built for another Node or against other dependencies, saying so', () => {
    expect(refusal(() => checkRelease(pkg, asked, { ...box, nodeMajor: 22 }))).toBe(
      'built for Node 20, this box runs Node 22',
    );
    const other = dependencyTreeHash(lock('1.0.0', '0.52.0'));
    expect(refusal(() => checkRelease(pkg, asked, { ...box, lockHash: other }))).toContain(
      "its dependencies differ from this box's installed node_modules",
    );
    expect(refusal(() => checkRelease(pkg, asked, { ...box, lockHash: null }))).toContain(
      'cannot tell which dependencies',
    );
  });
});
