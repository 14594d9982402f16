import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeTranslations } from '../../../../shared/browser/testing/i18n-completeness';
import { createI18n, translations } from './setup';

describeTranslations('translations of the regional operations page', {
  translations,
  createI18n,
  sourceDir: dirname(dirname(fileURLToPath(import.meta.url))),
  sameInBothLanguages: ['app.language'],
});

describe('the regional page', () => {
  it('opens in Chinese unless English was chosen', () => {
    expect(createI18n().language).toBe('zh-CN');
  });
});
