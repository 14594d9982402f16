import { z } from 'zod';

/** How the kiosk runs; parsed once from the command line and environment at start. */
export const KioskOptions = z.object({
  edgeUrl: z
    .url({ protocol: /^https?$/ })
    .describe('the display as the local edge serves it, e.g. http://127.0.0.1:8080/'),
  retryMs: z.number().int().positive().default(5000).describe('how often to try the edge while it is down'),
  crashRestartMs: z
    .number()
    .int()
    .positive()
    .default(1000)
    .describe('first wait before reloading a crashed renderer; doubles while it keeps crashing'),
  maxCrashRestartMs: z.number().int().positive().default(60_000),
  kiosk: z.boolean().default(true).describe('false: an ordinary window, for trying it out on a desk'),
});
export type KioskOptions = z.infer<typeof KioskOptions>;
export type KioskOptionsInput = z.input<typeof KioskOptions>;

export const DEFAULT_EDGE_URL = 'http://127.0.0.1:8080/';

/** `--url URL` and `--windowed` from argv, GALLEY_EDGE_URL from the environment. */
export function kioskOptionsFrom(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): KioskOptions {
  const urlAt = argv.indexOf('--url');
  const fromArgv = urlAt >= 0 ? argv[urlAt + 1] : undefined;
  return KioskOptions.parse({
    edgeUrl: fromArgv ?? env.GALLEY_EDGE_URL ?? DEFAULT_EDGE_URL,
    kiosk: !argv.includes('--windowed'),
  });
}
