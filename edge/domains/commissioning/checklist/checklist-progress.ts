import type { CommissioningChecklist } from '../../../../shared/api/commissioning';
import {
  type CommissioningProgress,
  PROGRESS_SUBJECTS_MAX,
} from '../../../../shared/api/commissioning-progress';

/**
 * What central is told of the checklist: per item its counts, its progress line and the
 * subjects it waits for — the parts that change when the store moves, not the reasons'
 * ages ("silent for 12 min"), which change every minute.
 */
export function progressOf(checklist: CommissioningChecklist): CommissioningProgress {
  return {
    storeId: checklist.storeId,
    checkedAt: checklist.checkedAt,
    complete: checklist.complete,
    items: checklist.items.map((item) => ({
      id: item.id,
      title: item.title,
      complete: item.complete,
      done: item.done,
      total: item.total,
      progress: item.progress,
      waiting: [
        ...new Set(item.waiting.map((w) => w.subject).filter((s): s is string => s !== undefined)),
      ].slice(0, PROGRESS_SUBJECTS_MAX),
    })),
  };
}

/** The same for two readings exactly when central would show the same: everything but the time read. */
export function progressKey(progress: CommissioningProgress): string {
  const { checkedAt: _readAt, ...shown } = progress;
  return JSON.stringify(shown);
}
