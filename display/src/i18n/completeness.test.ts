import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTranslations } from '../../../shared/browser/testing/i18n-completeness';
import { createI18n, translations } from './setup';

describeTranslations('translations of the kitchen display', {
  translations,
  createI18n,
  sourceDir: dirname(dirname(fileURLToPath(import.meta.url))),
  sameInBothLanguages: ['app.language'],
});
