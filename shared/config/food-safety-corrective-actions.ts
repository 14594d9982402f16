import { z } from 'zod';

export const CorrectiveActionSettings = z
  .strictObject({
    dueAfterMin: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(30)
      .describe('an open action is due this long after it opens'),
    escalateToCentralAfterMin: z
      .number()
      .int()
      .min(1)
      .max(10080)
      .default(30)
      .describe('an overdue action goes to the manager at once, and to central this long after it fell due'),
  })
  .default({ dueAfterMin: 30, escalateToCentralAfterMin: 30 });
export type CorrectiveActionSettings = z.infer<typeof CorrectiveActionSettings>;
