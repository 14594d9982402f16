import { z } from 'zod';

/**
 * The environment variables that tune a central process for running beside others
 * (docs/deployment.md lists them all). Parsed once at start; a bad value stops the
 * process with the variable's name, never silently falls back.
 */
export const CentralClusterEnv = z.object({
  /** How long a claimed webhook delivery is one process's alone (1 s … 1 h). */
  GALLEY_WEBHOOK_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).optional(),
  /** How long SIGTERM waits with `/readyz` at 503 before it stops taking connections (0 … 60 s). */
  GALLEY_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /**
   * Comma-separated addresses or CIDR ranges of the load balancers: their X-Forwarded-For
   * names the client, so the login throttle counts per real address, not per balancer.
   */
  GALLEY_TRUST_PROXY: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/,
              'an IP address or CIDR range, e.g. 10.0.0.5 or 10.0.0.0/24',
            ),
        )
        .min(1)
        .max(32),
    )
    .optional(),
});
export type CentralClusterEnv = z.infer<typeof CentralClusterEnv>;

export class CentralClusterEnvError extends Error {
  readonly code = 'CENTRAL_CLUSTER_ENV';
}

/** Only the variables above are read; the rest of the environment is not central's business. */
export function parseCentralClusterEnv(env: NodeJS.ProcessEnv): CentralClusterEnv {
  const picked = Object.fromEntries(
    Object.keys(CentralClusterEnv.shape)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = CentralClusterEnv.strict().safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CentralClusterEnvError(`bad central environment: ${problems}`);
  }
  return parsed.data;
}
