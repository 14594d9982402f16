/**
 * What the edge daemon's environment should hold, set by whoever starts the process
 * (the npm scripts, a service unit, the tests that run `galley edge`): the C library
 * reads it before any code of ours runs, so the daemon cannot set it for itself.
 *
 * `MALLOC_MMAP_THRESHOLD_`: glibc raises its mmap threshold each time a large block
 * is freed, and from then on keeps such blocks resident. Every PIN or integration
 * secret verified costs scrypt 16 MiB of working memory, so a burst of wrong logins
 * left the box 48–64 MiB larger for good. A fixed 1 MiB threshold returns those
 * blocks to the system when freed: in the bounded attack run the edge went from
 * 135 MiB before, 213 at peak and 167 after to 120, 142 and 110 MiB.
 *
 * `NODE_OPTIONS=--max-semi-space-size=2`: V8 sizes its young generation for throughput
 * (up to 16 MiB per semi-space) and keeps it reserved. The edge's garbage is many small
 * short-lived objects per message; 2 MiB semi-spaces collect them a little more often
 * and keep the box smaller: 1 000 devices at 1 Hz QoS 1 peaked at 143.9 MiB instead of
 * 152.0 MiB, at the same throughput. V8 reads it only at start-up, hence the environment.
 */
export const DAEMON_ENVIRONMENT = {
  MALLOC_MMAP_THRESHOLD_: '1048576',
  NODE_OPTIONS: '--max-semi-space-size=2',
} as const;

/** A line for the log when the daemon was started without DAEMON_ENVIRONMENT; undefined when it was. */
export function missingDaemonEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const missing = Object.entries(DAEMON_ENVIRONMENT).filter(([name, value]) => !env[name]?.includes(value));
  if (missing.length === 0) return undefined;
  const assignments = missing.map(([name, value]) => `${name}=${value}`).join(' ');
  return `started without ${assignments} in the environment: the box keeps more memory than it needs (npm run edge sets it)`;
}
