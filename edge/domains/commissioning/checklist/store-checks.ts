import type { ChecklistItem, ChecklistWaiting } from '../../../../shared/api/commissioning';
import type { DisplayView } from '../../../../shared/api/displays';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';
import { ago, checklistItem } from './checklist-item';

/** A display counts as connected when it was seen this recently (it is seen at most once a minute). */
export const DISPLAY_SEEN_WITHIN_MS = 3 * 60_000;
/** Sync is healthy when its last successful push is this recent. */
export const SYNC_SUCCESS_WITHIN_MS = 5 * 60_000;

/** At least one paired kitchen display, recently seen. */
export function displayCheck(displays: readonly DisplayView[], now: number): ChecklistItem {
  const seen = displays.filter((d) => d.lastSeenAt !== null && now - d.lastSeenAt <= DISPLAY_SEEN_WITHIN_MS);
  const waiting: ChecklistWaiting[] = [];
  if (seen.length === 0) {
    const newest = Math.max(...displays.map((d) => d.lastSeenAt ?? Number.NEGATIVE_INFINITY));
    const since = Number.isFinite(newest) ? ago(now - newest) : undefined;
    waiting.push({
      reason:
        displays.length === 0
          ? { en: 'no kitchen display paired', 'zh-CN': '尚未配对厨房显示屏' }
          : since
            ? {
                en: `no display connected; last seen ${since.en}`,
                'zh-CN': `没有已连接的显示屏；最后连接于${since['zh-CN']}`,
              }
            : { en: 'paired, never connected', 'zh-CN': '已配对，从未连接' },
    });
  }
  return checklistItem(
    'display',
    { en: 'Kitchen display connected', 'zh-CN': '厨房显示屏已连接' },
    { en: 'connected', 'zh-CN': '已连接' },
    1,
    waiting,
  );
}

/** Sync to central on, pushing successfully, nothing failing or set aside. */
export function syncCheck(health: SyncHealth | undefined, now: number): ChecklistItem {
  const waiting: ChecklistWaiting[] = [];
  const wait = (en: string, zh: string) => waiting.push({ reason: { en, 'zh-CN': zh } });
  if (!health?.enabled) wait('sync to central is not configured', '未配置总部同步');
  else if (health.lastSuccessAt === null) wait('no successful push to central yet', '尚未成功同步到总部');
  else if (now - health.lastSuccessAt > SYNC_SUCCESS_WITHIN_MS) {
    const since = ago(now - health.lastSuccessAt);
    wait(`last successful push ${since.en}`, `最后一次成功同步在${since['zh-CN']}`);
  } else if (health.consecutiveFailures > 0) {
    wait(
      `${health.consecutiveFailures} failed pushes in a row${health.lastError ? `: ${health.lastError.message}` : ''}`,
      `连续 ${health.consecutiveFailures} 次同步失败${health.lastError ? `：${health.lastError.message}` : ''}`,
    );
  } else if ((health.setAside ?? 0) > 0) {
    wait(
      `${health.setAside} events refused by central, set aside`,
      `${health.setAside} 条事件被总部拒绝，已搁置`,
    );
  }
  return checklistItem(
    'sync',
    { en: 'Sync to central healthy', 'zh-CN': '总部同步正常' },
    { en: 'healthy', 'zh-CN': '正常' },
    1,
    waiting,
  );
}

/**
 * Users and PINs set: someone who may run the store (manager or admin), and no user
 * left on a PIN everyone knows. `onKnownPin` checks a PIN hash against those.
 */
export function usersCheck(config: StoreConfig, onKnownPin: (pinHash: string) => boolean): ChecklistItem {
  const waiting: ChecklistWaiting[] = config.users
    .filter((u) => onKnownPin(u.pinHash))
    .map((u) => ({
      subject: u.id,
      reason: { en: 'still on a default PIN (1234, 0000)', 'zh-CN': '仍在使用默认 PIN（1234、0000）' },
    }));
  const runsStore = config.users.some((u) =>
    [u.role, ...(u.roles ?? [])].some((role) => role === 'manager' || role === 'admin'),
  );
  if (!runsStore) {
    waiting.push({ reason: { en: 'no manager or admin user', 'zh-CN': '没有店长或管理员账号' } });
  }
  return checklistItem(
    'users',
    { en: 'Users and PINs set', 'zh-CN': '已设置用户和 PIN' },
    { en: 'set', 'zh-CN': '已设置' },
    config.users.length + (runsStore ? 0 : 1),
    waiting,
  );
}
