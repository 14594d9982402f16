import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** The processes Galley runs; every log line names the one that wrote it. */
export type ProcessName = 'galley-edge' | 'galley-central' | 'galley-sim' | 'galley-box';

/**
 * One root logger per process; modules take a child with their namespace so every
 * line says where it came from (`{"app":"galley-central","ns":"central.api",…}`).
 */
export function createRootLogger(
  app: ProcessName,
  level = process.env.GALLEY_LOG_LEVEL ?? 'info',
  /** stdout unless given (the simulator logs to stderr, its stdout belongs to the command) */
  destination?: DestinationStream,
): Logger {
  return destination ? pino({ level, base: { app } }, destination) : pino({ level, base: { app } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
