import type { TFunction } from 'i18next';
import type { ChecklistItem, CommissioningChecklist } from '../../../shared/api/commissioning';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';

/** Names in the headline before "and N more": one line across the top of a wall screen. */
export const NAMED_IN_HEADLINE = 4;

/**
 * What a waiting subject is called on this screen: the equipment's name in the screen's
 * language, a user's name, or the id the box gave (a part of the store it has no name for).
 */
export function subjectNamer(
  equipment: readonly EquipmentView[],
  users: StoreInfo['users'],
  language: string,
): (subject: string) => string {
  return (subject) => {
    const machine = equipment.find((e) => e.id === subject);
    if (machine) return localized(machine.name, language);
    return users.find((u) => u.id === subject)?.name ?? subject;
  };
}

/** "3, 4 or 5 names" or "4 names and 2 more", in the screen's language. */
export function namesLine(names: readonly string[], t: TFunction, separator: string): string {
  const shown = names.slice(0, NAMED_IN_HEADLINE).join(separator);
  return names.length > NAMED_IN_HEADLINE
    ? t('commissioning.more', { names: shown, count: names.length - NAMED_IN_HEADLINE })
    : shown;
}

/** The list separator of the language: an ideographic comma in Chinese. */
export const separatorOf = (language: string) => (language.startsWith('zh') ? '、' : ', ');

/**
 * The headline of the screen: the reporting item, with the units it waits for by name
 * ("17 of 20 reporting, 3 waiting: Fryer 2, Cooler 3, …"), where the box's own line names ids.
 */
export function headline(
  checklist: CommissioningChecklist,
  nameOf: (subject: string) => string,
  t: TFunction,
  language: string,
): string {
  const reporting = checklist.items.find((i) => i.id === 'reporting');
  if (!reporting || reporting.total === 0) return t('commissioning.headlineNone');
  if (reporting.waiting.length === 0)
    return t('commissioning.headline', { done: reporting.done, total: reporting.total });
  return t('commissioning.headlineWaiting', {
    done: reporting.done,
    total: reporting.total,
    count: reporting.waiting.length,
    names: namesLine(waitingNames(reporting, nameOf), t, separatorOf(language)),
  });
}

/** The distinct subjects an item waits for, by name, in the box's order. */
export function waitingNames(item: ChecklistItem, nameOf: (subject: string) => string): string[] {
  const subjects = item.waiting.map((w) => w.subject).filter((s): s is string => s !== undefined);
  return [...new Set(subjects)].map(nameOf);
}
