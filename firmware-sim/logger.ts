import { type Logger, pino } from 'pino';

export type { Logger };

/** The simulator's root logger; modules take a child with their namespace. */
export function createSimLogger(level = process.env.GALLEY_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'galley-sim' } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
