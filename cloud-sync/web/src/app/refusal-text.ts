import type { i18n as I18n } from 'i18next';
import type { ApiRefusal } from '../../../../shared/api/session';
import { RequestError } from '../../../../shared/browser/json-client';

/** Words for a refusal's parameters where a screen knows better than their raw value (a stage, a region). */
export type RefusalParamWords = (name: string, value: string, i18n: I18n) => string | undefined;

/**
 * A failed request as the page says it. Central sends a refusal's stable code and parameters
 * beside its English message (`ApiError.refusal`): a code the page has words for reads in
 * the page's language, lists joined the page's way; any other refusal shows central's message
 * (in the page's language where central worded it in both), so a code added to central
 * later never leaves an empty line.
 */
export function refusalText(err: unknown, i18n: I18n, paramWords?: RefusalParamWords): string {
  if (!(err instanceof RequestError)) return err instanceof Error ? err.message : String(err);
  const refusal = err.refusal;
  const key = refusal ? `refusals.${refusal.code}` : undefined;
  // Only a sentence counts: a code naming a group of words (`rollout`) is as unknown as a new one.
  if (refusal && key && typeof i18n.getResource(i18n.language, 'translation', key) === 'string')
    return i18n.t(key, wordedParams(refusal.params, i18n, paramWords));
  return err.messageIn(i18n.language);
}

function wordedParams(
  params: ApiRefusal['params'],
  i18n: I18n,
  paramWords: RefusalParamWords | undefined,
): Record<string, string | number> {
  const word = (name: string, value: string) => paramWords?.(name, value, i18n) ?? value;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? value.length === 0
          ? i18n.t('refusals.emptyList')
          : value.map((v) => word(name, v)).join(i18n.t('refusals.listSeparator'))
        : typeof value === 'string'
          ? word(name, value)
          : value,
    ]),
  );
}
