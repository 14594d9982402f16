import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createI18n } from './setup';
import { zhCN } from './zh-CN';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

const SRC = dirname(dirname(fileURLToPath(import.meta.url)));
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('translations of the regional operations page', () => {
  it('zh-CN and en have exactly the same keys, none empty or missing', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
    for (const locale of ['en', 'zh-CN'] as const) {
      const i18n = createI18n(locale);
      for (const key of keysOf(en)) {
        expect(i18n.t(key), key).not.toBe('');
        expect(i18n.t(key), key).not.toBe(key);
      }
    }
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const zh = createI18n('zh-CN');
    const english = createI18n('en');
    for (const key of keysOf(en)) {
      const a = english.getResource('en', 'translation', key) as string;
      const b = zh.getResource('zh-CN', 'translation', key) as string;
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it('every literal key the screens ask for exists', () => {
    const known = new Set(keysOf(en));
    const prefixes = new Set(keysOf(en).map((k) => k.slice(0, k.lastIndexOf('.') + 1)));
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*['`]([a-zA-Z0-9_.]+)(\$\{)?/g)) {
        const key = m[1] ?? '';
        const dynamic = m[2] !== undefined;
        if (dynamic ? !prefixes.has(key) : !known.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('Chinese text is really Chinese, not English left behind', () => {
    const zh = createI18n('zh-CN');
    const english = createI18n('en');
    const leftovers = keysOf(en).filter((key) => {
      const a = zh.t(key);
      return a === english.t(key) && /[a-z]{3,}/i.test(a.replace(/{{\w+}}/g, '')) && key !== 'app.language';
    });
    expect(leftovers).toEqual([]);
  });

  it('opens in Chinese unless English was chosen', () => {
    expect(createI18n().language).toBe('zh-CN');
  });
});
