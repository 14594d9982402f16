import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeTranslations } from '../../../../shared/browser/testing/i18n-completeness';
import { createI18n, translations } from './setup';

describeTranslations('translations of the regional operations page', {
  translations,
  createI18n,
  sourceDir: dirname(dirname(fileURLToPath(import.meta.url))),
  // A language's own name, and file formats, read the same in both.
  sameInBothLanguages: [
    'app.language',
    'foodSafety.langEn',
    'foodSafety.archivePdf',
    'foodSafety.archiveCsv',
  ],
});

describe('the regional page', () => {
  it('opens in Chinese unless English was chosen', () => {
    expect(createI18n().language).toBe('zh-CN');
  });
});
