import { z } from 'zod';
import { LocalizedText as DisplayText } from '../localized-text';

/**
 * The display's two-language text, strict in a config: `zh_CN:` or `zh-TW:` beside
 * `en:` is a typo or a language the display cannot show, and must not vanish silently.
 * (The API's copy stays as it is: it only ever carries texts read from the config.)
 */
export const LocalizedText = z.strictObject(DisplayText.shape);
export type LocalizedText = z.infer<typeof LocalizedText>;
