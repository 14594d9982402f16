import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../localized-text';
import { type AppTranslations, createI18n } from '../i18n';
import {
  BROWSER_KIT_DIR,
  englishLeftovers,
  keysOf,
  placeholderMismatches,
  type TranslatedApp,
  unknownKeysInSource,
  unresolvedKeys,
} from './i18n-completeness';

const GOOD: AppTranslations = {
  en: {
    app: { title: 'Galley', language: '中文', languageLabel: 'Switch language' },
    state: { ok: 'OK', offline: 'Offline' },
  },
  'zh-CN': {
    app: { title: 'Galley 后厨', language: 'English', languageLabel: '切换语言' },
    state: { ok: '正常', offline: '离线' },
  },
};

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i18n-completeness-'));
  mkdirSync(join(dir, 'board'));
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's text is a screen that builds a key.
  writeFileSync(join(dir, 'board', 'Tile.tsx'), "t('app.title'); t(`state.${s}`);\n");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function app(translations: AppTranslations, more: Partial<TranslatedApp> = {}): TranslatedApp {
  return {
    translations,
    createI18n: (locale: Locale) => createI18n(translations, locale),
    sourceDir: dir,
    ...more,
  };
}

describe('the translation checks', () => {
  it('find nothing wrong with complete translations', () => {
    const good = app(GOOD);
    expect(keysOf(GOOD.en).sort()).toEqual([
      'app.language',
      'app.languageLabel',
      'app.title',
      'state.offline',
      'state.ok',
    ]);
    expect(unresolvedKeys(good)).toEqual([]);
    expect(placeholderMismatches(good)).toEqual([]);
    expect(unknownKeysInSource(good)).toEqual([]);
    expect(englishLeftovers(good)).toEqual([]);
  });

  it('find a string that is empty or missing in one language', () => {
    const broken = app({
      en: GOOD.en,
      'zh-CN': { app: { title: '', language: 'English', languageLabel: '切换语言' }, state: { ok: '正常' } },
    });
    expect(unresolvedKeys(broken)).toEqual(['zh-CN: app.title', 'zh-CN: state.offline']);
  });

  it('find a placeholder one language lost', () => {
    const broken = app({
      en: { seen: 'Last seen {{time}} by {{who}}' },
      'zh-CN': { seen: '最后上报 {{time}}' },
    });
    expect(placeholderMismatches(broken)).toEqual(['seen']);
  });

  it('find a key the screens ask for that has no string, literal or built', () => {
    writeFileSync(
      join(dir, 'board', 'Detail.tsx'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's text is a screen that builds a key.
      "t('app.subtitle'); t(`alarm.${kind}`); t('state.ok');\n",
    );
    writeFileSync(join(dir, 'board', 'Detail.test.tsx'), "t('only.in.a.test');\n");
    expect(unknownKeysInSource(app(GOOD))).toEqual([
      `${join(dir, 'board', 'Detail.tsx')}: app.subtitle`,
      `${join(dir, 'board', 'Detail.tsx')}: alarm.`,
    ]);
  });

  it('hold the app to the keys the shared language button asks for', () => {
    const withoutLabel: AppTranslations = {
      en: { app: { title: 'Galley', language: '中文' }, state: { ok: 'OK', offline: 'Offline' } },
      'zh-CN': { app: { title: 'Galley 后厨', language: 'English' }, state: { ok: '正常', offline: '离线' } },
    };
    expect(unknownKeysInSource(app(withoutLabel))).toEqual([
      `${join(BROWSER_KIT_DIR, 'LanguageButton.tsx')}: app.languageLabel`,
    ]);
  });

  it('find English left behind in Chinese, but not in placeholders or allowed keys', () => {
    const translations: AppTranslations = {
      en: { a: 'Open', b: '{{count}}', c: 'Galley', d: 'Close' },
      'zh-CN': { a: 'Open', b: '{{count}}', c: 'Galley', d: '关闭' },
    };
    expect(englishLeftovers(app(translations))).toEqual(['a', 'c']);
    expect(englishLeftovers(app(translations, { sameInBothLanguages: ['c'] }))).toEqual(['a']);
  });
});
