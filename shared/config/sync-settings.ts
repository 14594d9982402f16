import { z } from 'zod';
import { BackupSettings } from './backup-settings';

/** How the edge forwards its outbox to the central service (the URL and token come from the command line). */
export const SyncSettings = z
  .strictObject({
    outboxMaxRows: z
      .number()
      .int()
      .positive()
      .default(1_000_000)
      .describe(
        'when the outbox holds more, the oldest unsent rollups are dropped (never alarms or tickets)',
      ),
    pushIntervalS: z.number().positive().default(5).describe('how often an idle pusher looks for new events'),
    configPollS: z.number().positive().default(30).describe('how often to ask central for a newer config'),
    commandPollS: z
      .number()
      .min(1)
      .max(3600)
      .default(3)
      .describe(
        "how often to ask central for the region's actions on this store (acknowledge, assign, comment, close)",
      ),
    retryMaxS: z.number().positive().default(300).describe('ceiling of the exponential back-off'),
    requestTimeoutS: z.number().positive().default(30),
    backup: BackupSettings,
  })
  .default({
    outboxMaxRows: 1_000_000,
    pushIntervalS: 5,
    configPollS: 30,
    commandPollS: 3,
    retryMaxS: 300,
    requestTimeoutS: 30,
    backup: { enabled: true, intervalMinutes: 5 },
  });
export type SyncSettings = z.infer<typeof SyncSettings>;
