import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { i18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../localized-text';
import type { AppTranslations, Translations } from '../i18n';

/** One app's translations, as its completeness test checks them. */
export interface TranslatedApp {
  translations: AppTranslations;
  /** the app's own set-up, so the check covers how it wires the strings in too */
  createI18n: (locale: Locale) => i18n;
  /** the app's source folder, read for the keys its screens ask for */
  sourceDir: string;
  /** keys rightly the same in both languages (the language button names the other language) */
  sameInBothLanguages?: readonly string[];
}

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/**
 * shared/browser: its components (the language button) ask the app's strings for keys too.
 * A string path, not a URL object: under jsdom `URL` is the browser's, which node:url refuses.
 */
export const BROWSER_KIT_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** Registers the app's translation checks as one vitest block. */
export function describeTranslations(title: string, app: TranslatedApp): void {
  describe(title, () => {
    it('zh-CN and en have exactly the same keys, none empty or missing', () => {
      expect(keysOf(app.translations['zh-CN']).sort()).toEqual(keysOf(app.translations.en).sort());
      expect(unresolvedKeys(app)).toEqual([]);
    });

    it('keeps the same {{placeholders}} in both languages', () => {
      expect(placeholderMismatches(app)).toEqual([]);
    });

    it('every literal key the screens ask for exists', () => {
      expect(unknownKeysInSource(app)).toEqual([]);
    });

    it('Chinese text is really Chinese, not English left behind', () => {
      expect(englishLeftovers(app)).toEqual([]);
    });
  });
}

/** Every leaf key of a tree of strings, dotted as `t()` takes them. */
export function keysOf(tree: Translations, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** `locale: key` for each English key that the app's instance shows empty or as the bare key. */
export function unresolvedKeys(app: TranslatedApp): string[] {
  const keys = keysOf(app.translations.en);
  return LOCALES.flatMap((locale) => {
    const i18n = app.createI18n(locale);
    return keys.filter((key) => i18n.t(key) === '' || i18n.t(key) === key).map((key) => `${locale}: ${key}`);
  });
}

/** Keys whose `{{placeholders}}` differ between the languages: a value would go missing on screen. */
export function placeholderMismatches(app: TranslatedApp): string[] {
  const english = app.createI18n('en');
  const chinese = app.createI18n('zh-CN');
  return keysOf(app.translations.en).filter((key) => {
    const a = placeholders(english.getResource('en', 'translation', key));
    const b = placeholders(chinese.getResource('zh-CN', 'translation', key));
    return a.join() !== b.join();
  });
}

/**
 * `file: key` for each literal `t('…')` in the app's source, and in the shared components
 * it renders, that has no string. A key built at run time (`t(\`state.${s}\`)`) counts when some key starts with its fixed part.
 */
export function unknownKeysInSource(
  app: TranslatedApp,
  dirs: readonly string[] = [app.sourceDir, BROWSER_KIT_DIR],
): string[] {
  const keys = keysOf(app.translations.en);
  const known = new Set(keys);
  const prefixes = new Set(keys.map((k) => k.slice(0, k.lastIndexOf('.') + 1)));
  const missing: string[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*['`]([a-zA-Z0-9_.]+)(\$\{)?/g)) {
      const key = m[1] ?? '';
      const dynamic = m[2] !== undefined;
      if (dynamic ? !prefixes.has(key) : !known.has(key)) missing.push(`${file}: ${key}`);
    }
  }
  return missing;
}

/** Keys whose Chinese is word for word the English and has English words outside its placeholders. */
export function englishLeftovers(app: TranslatedApp): string[] {
  const english = app.createI18n('en');
  const chinese = app.createI18n('zh-CN');
  const allowed = new Set(app.sameInBothLanguages ?? []);
  return keysOf(app.translations.en).filter((key) => {
    const zh = chinese.t(key);
    return zh === english.t(key) && /[a-z]{3,}/i.test(zh.replace(/{{\w+}}/g, '')) && !allowed.has(key);
  });
}

function placeholders(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1] ?? '').sort();
}

/** The app's screens and helpers; its tests are not what people see. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}
