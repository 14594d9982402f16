import { z } from 'zod';

/** The box's continuous backup to central (edge/sync/backup/); needs the sync's central endpoint. */
export const BackupSettings = z
  .strictObject({
    enabled: z.boolean().default(true).describe('upload a copy of the store database to central'),
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(5)
      .describe(
        'how often a copy is taken (skipped when nothing changed): a replacement box restored from central loses at most about this long',
      ),
  })
  .default({ enabled: true, intervalMinutes: 5 });
export type BackupSettings = z.infer<typeof BackupSettings>;
