import { z } from 'zod';
import { SessionRole } from '../../../shared/roles';

/**
 * What the display needs to know about its store: the id (for MQTT topics), the
 * name, the time zone every time is shown in, and who may log in by PIN.
 * Served by `GET /api/store` where the edge has it; without it the display polls
 * and shows times in the browser's zone.
 */
export const StoreInfo = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  users: z.array(z.object({ id: z.string(), name: z.string(), role: SessionRole })).default([]),
});
export type StoreInfo = z.infer<typeof StoreInfo>;
