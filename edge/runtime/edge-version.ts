import { readFileSync } from 'node:fs';

/**
 * The edge's version as package.json has it: set-aside events remember it, and an edge
 * of another version offers them to central again. 'unknown' when it cannot be read
 * (then only a protocol change or a manager retries them). A release packed with
 * `galley release pack --version X` is X.
 */
export function edgeVersion(): string {
  // A packed release has its label compiled in here (`galley release pack`, esbuild define);
  // the supervisor also sets it for the release it runs.
  const released = process.env.GALLEY_RELEASE_VERSION;
  if (released) return released;
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'version' in parsed &&
      typeof parsed.version === 'string'
    )
      return parsed.version;
  } catch {
    // fall through: a bundle laid out elsewhere
  }
  return 'unknown';
}
