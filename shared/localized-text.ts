import { z } from 'zod';

/** Every name shown to people exists in both languages the display speaks. */
export const LocalizedText = z.object({
  en: z.string().min(1),
  'zh-CN': z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Locale = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;
