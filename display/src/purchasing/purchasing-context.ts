import type { TFunction } from 'i18next';
import type { StoreInfo } from '../../../shared/api/store';
import { RequestError } from '../../../shared/browser/json-client';
import type { Locale } from '../../../shared/localized-text';
import type { Permission } from '../../../shared/permissions';
import { personMay } from '../auth/permissions';
import { LoginCancelled, type PersonSession } from '../auth/person-session';

/** What every purchasing panel is given: who is here, how to ask for a PIN, and the store's clock. */
export interface PurchasingContext {
  person: PersonSession;
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
  /** something changed on the edge: read again */
  changed: () => void;
  version: number;
}

/** The display offers a button only to one who may press it; the edge checks again. */
export function may(ctx: Pick<PurchasingContext, 'person'>, permission: Permission): boolean {
  return personMay(ctx.person, permission);
}

export function localeOf(language: string): Locale {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}

const SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/**
 * Money exactly as the edge computed it (decimal text, never a float on the way): only
 * the currency sign and thousands separators are added, so ¥849.11 is the edge's 849.11.
 */
export function moneyText(amount: string, currency: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', cents] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = SYMBOLS[currency];
  const body = `${grouped}${cents === undefined ? '' : `.${cents}`}`;
  return `${negative ? '-' : ''}${sign ?? `${currency} `}${body}`;
}

/** A person's name from the store's users, or their id when the store no longer lists them. */
export function personName(users: StoreInfo['users'], id: string | null): string {
  if (id === null) return '—';
  return users.find((u) => u.id === id)?.name ?? id;
}

/** What a person sees when a purchasing step did not go through: the edge's own reason, in their language. */
export function purchasingProblem(err: unknown, t: TFunction, language: string): string | undefined {
  if (err instanceof LoginCancelled) return undefined;
  if (err instanceof RequestError) {
    const message = err.messageIn(localeOf(language));
    if (err.status === 403) return t('purchasing.refused.forbidden', { message });
    if (err.status === 422) return t('purchasing.refused.foodSafety', { message });
    if (err.status === 409) return t('purchasing.refused.conflict', { message });
    if (err.status === 400) return t('purchasing.refused.invalid', { message });
    if (err.status === 429) return t('purchasing.refused.throttled', { message });
    if (err.status === 404) return t('purchasing.refused.notFound', { message });
  }
  return t('purchasing.failed', { message: err instanceof Error ? err.message : String(err) });
}
