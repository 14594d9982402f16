import { createHash } from 'node:crypto';
import type { EdgeUpdateCommand, ReleasePackage } from '../../../shared/central/edge-releases';

/** A release this box will not run; the reason goes to central as the update's outcome. */
export class ReleaseRefused extends Error {
  readonly code = 'RELEASE_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseRefused';
  }
}

/** What the box can run: its Node major and the dependency tree its node_modules hold. */
export interface BoxRuntime {
  nodeMajor: number;
  /** null when the installed tree cannot be told (no package-lock.json beside node_modules) */
  lockHash: string | null;
}

/**
 * Checks a downloaded release against the command that asked for it and against this
 * box, and returns the bundle's bytes. Anything that does not add up is refused before a
 * byte is staged: a wrong checksum (damaged or swapped in transit), a bundle built for
 * another Node major, or one that needs other dependencies than node_modules holds.
 */
export function checkRelease(pkg: ReleasePackage, asked: EdgeUpdateCommand, box: BoxRuntime): Buffer {
  const { manifest } = pkg;
  if (manifest.version !== asked.version)
    throw new ReleaseRefused(
      `central sent release ${manifest.version}, the command asked for ${asked.version}`,
    );
  if (manifest.sha256 !== asked.sha256)
    throw new ReleaseRefused(`the manifest's SHA-256 ${manifest.sha256} is not the one the command names`);
  const bytes = Buffer.from(pkg.bundleBase64, 'base64');
  if (bytes.length !== manifest.bytes)
    throw new ReleaseRefused(`the bundle has ${bytes.length} bytes, its manifest says ${manifest.bytes}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== manifest.sha256)
    throw new ReleaseRefused(`the bundle's SHA-256 is ${sha256}, its manifest says ${manifest.sha256}`);
  if (manifest.nodeMajor !== box.nodeMajor)
    throw new ReleaseRefused(`built for Node ${manifest.nodeMajor}, this box runs Node ${box.nodeMajor}`);
  if (box.lockHash === null)
    throw new ReleaseRefused(
      'this box cannot tell which dependencies it has installed (no package-lock.json)',
    );
  if (manifest.lockHash !== box.lockHash)
    throw new ReleaseRefused(
      `its dependencies differ from this box's installed node_modules (needs tree ${manifest.lockHash.slice(0, 12)}…, ` +
        `installed ${box.lockHash.slice(0, 12)}…): install them first`,
    );
  return bytes;
}
