import type { RefusalParamWords } from '../app/refusal-text';

const TICKET_STATUSES = new Set([
  'open',
  'acknowledged',
  'assigned',
  'in_progress',
  'resolved',
  'verified',
  'closed',
]);

/**
 * The names a store command refusal's parameters stand for (shared/central/store-commands.ts,
 * StoreCommandRefusalCode): a ticket's status in the page's words, and "someone" where the
 * store recorded no name for who acknowledged.
 */
export const storeCommandParamWords: RefusalParamWords = (name, value, i18n) => {
  if (name === 'by' && value === '') return i18n.t('refusals.someone');
  if (name === 'status' && TICKET_STATUSES.has(value)) return i18n.t(`tickets.statusName.${value}`);
  return undefined;
};
