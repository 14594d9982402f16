import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a package-lock's dependency tree: every installed package with its
 * version and integrity, the root package itself left out (its version label changes
 * with each release and says nothing about node_modules). Keys are sorted so the same
 * tree always hashes alike. A release names the tree it was built against; a box whose
 * installed tree hashes otherwise refuses it, since the bundle keeps node_modules external.
 */
export function dependencyTreeHash(lockText: string): string {
  const lock: unknown = JSON.parse(lockText);
  const packages =
    typeof lock === 'object' && lock !== null && 'packages' in lock ? lock.packages : undefined;
  if (typeof packages !== 'object' || packages === null)
    throw new Error('package-lock.json has no "packages" (lockfile version 2 or later is needed)');
  const tree = Object.fromEntries(Object.entries(packages).filter(([path]) => path !== ''));
  return createHash('sha256').update(stableJson(tree)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
