import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * One root logger per process; modules take a child with their namespace so every
 * line says where it came from (`{"ns":"broker",…}`).
 */
export function createRootLogger(level = process.env.GALLEY_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'galley-edge' } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
