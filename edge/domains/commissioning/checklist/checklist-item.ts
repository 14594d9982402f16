import type { ChecklistItem, ChecklistItemId, ChecklistWaiting } from '../../../../shared/api/commissioning';
import type { LocalizedText } from '../../../../shared/localized-text';

/** Names listed in a progress line before "…and N more": a line on a screen, not a report. */
const NAMED_IN_PROGRESS = 5;

/**
 * An item from what is done and what waits: its progress reads "17 of 20 reporting,
 * 3 waiting: fryer-2, ric-1, wic-1" in both languages.
 */
export function checklistItem(
  id: ChecklistItemId,
  title: LocalizedText,
  noun: LocalizedText,
  total: number,
  waiting: ChecklistWaiting[],
): ChecklistItem {
  const done = total - waiting.length;
  const names = waiting.map((w) => w.subject).filter((s): s is string => s !== undefined);
  const shown = names.slice(0, NAMED_IN_PROGRESS).join(', ');
  const more = names.length > NAMED_IN_PROGRESS ? names.length - NAMED_IN_PROGRESS : 0;
  const enWaiting =
    waiting.length === 0
      ? ''
      : `, ${waiting.length} waiting${shown ? `: ${shown}` : ''}${more ? ` and ${more} more` : ''}`;
  const zhWaiting =
    waiting.length === 0
      ? ''
      : `，${waiting.length} 项待完成${shown ? `：${shown}` : ''}${more ? ` 等另 ${more} 项` : ''}`;
  return {
    id,
    title,
    complete: waiting.length === 0,
    done,
    total,
    progress: {
      en: `${done} of ${total} ${noun.en}${enWaiting}`,
      'zh-CN': `${total} 项中 ${done} 项${noun['zh-CN']}${zhWaiting}`,
    },
    waiting,
  };
}

/** "4 min ago" / "4 分钟前", rounded up so a late report never reads as 0. */
export function ago(ms: number): LocalizedText {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return { en: `${minutes} min ago`, 'zh-CN': `${minutes} 分钟前` };
}
